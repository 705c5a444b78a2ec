using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Tests.Findings;

public sealed class SecretDetectorTests
{
    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("api_key", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("PASSWORD_FILE", false)]
    [InlineData("TOKEN_TTL", false)]
    [InlineData("LOG_LEVEL", false)]
    [InlineData("PATH", false)]
    public void Names_that_hold_secrets_are_recognised(string name, bool expected) =>
        Assert.Equal(expected, SecretDetector.IsSecretName(name));

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AWS access key id")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ0123456789", "GitHub token")]
    [InlineData("postgres://app:s3cr3t@db:5432/app", "password in URL")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "private key")]
    public void Values_that_look_like_credentials_are_recognised_and_named(string value, string kind)
    {
        Assert.True(SecretDetector.LooksLikeSecretValue(value));
        Assert.Equal(kind, SecretDetector.DescribeValue(value));
    }

    [Theory]
    [InlineData("info")]
    [InlineData("https://example.com/path")]
    [InlineData("8080")]
    public void Ordinary_values_are_not_secrets(string value) =>
        Assert.False(SecretDetector.LooksLikeSecretValue(value));

    [Fact]
    public void Masking_keeps_the_length_and_never_the_value()
    {
        var masked = SecretDetector.Mask("hunter2-very-secret");

        Assert.DoesNotContain("hunter2", masked, StringComparison.Ordinal);
        Assert.Contains("19 characters", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kubelogin get-token --oidc-client-secret=s3cr3t-value --server-id x", "--oidc-client-secret=******** (12 characters, masked)", "s3cr3t")]
    [InlineData("postgres --password hunter22 -c max_connections=10", "--password ******** (8 characters, masked)", "hunter22")]
    [InlineData("log-opts: [splunk-token=abc123def, splunk-url=https://splunk:8088]", "splunk-token=******** (", "abc123def")]
    [InlineData("git clone https://ci:ghtoken999@git.example.com/app.git", "https://ci@git.example.com/app.git", "ghtoken999")]
    [InlineData("curl https://api.example.com/hook?token=tok-555 -o out", "https://api.example.com/hook?********", "tok-555")]
    [InlineData("CMD-SHELL curl -fsS -u probe:hc-Secret-1 http://localhost/health", "-u probe:******** (11 characters, masked)", "hc-Secret-1")]
    [InlineData("wget --user=deploy:pw-Secret-2 https://x", "--user=deploy:******** (", "pw-Secret-2")]
    [InlineData("-H tcp://admin:pw-Secret-3@0.0.0.0:2375", "tcp://admin@0.0.0.0:2375", "pw-Secret-3")]
    [InlineData("insecure-registries: [http://user:pw-Secret-4@registry:5000]", "http://user@registry:5000", "pw-Secret-4")]
    [InlineData("curl -H \"Authorization: Bearer tok-Secret-5\" https://api", "Bearer ******** (", "tok-Secret-5")]
    [InlineData("DB_PASSWORD=pw-Secret-6 PATH=/usr/bin", "PATH=/usr/bin", "pw-Secret-6")]
    public void Command_lines_keep_their_shape_and_lose_their_secrets(string commandLine, string expected, string secret)
    {
        var masked = SecretDetector.MaskText(commandLine);

        Assert.Contains(expected, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_command_lines_are_left_alone() =>
        Assert.Equal("nginx -g daemon off; --log-level=info", SecretDetector.MaskText("nginx -g daemon off; --log-level=info"));

    [Theory]
    [InlineData("--authorization-plugin=authz-broker --anonymous-auth=false --token-auth-file=/etc/kubernetes/tokens.csv")]
    [InlineData("automountServiceAccountToken=true, PASSWORD_FILE=/run/secrets/db, TOKEN=$API_TOKEN")]
    [InlineData("docker run -u app --cap-drop ALL")]
    [InlineData("User 'ci' keeps a static bearer token in plain text. Bearer tokens never expire.")]
    public void Flags_that_name_but_do_not_hold_a_secret_are_left_alone(string text) =>
        Assert.Equal(text, SecretDetector.MaskText(text));

    [Fact]
    public void Masking_keeps_the_spacing_and_line_breaks_of_a_remediation_snippet()
    {
        const string snippet = "{\n  \"tls\": true,\n  \"hosts\": [\"tcp://ops:pw-Secret-7@0.0.0.0:2376\"]\n}";

        Assert.Equal(snippet.Replace("ops:pw-Secret-7@", "ops@", StringComparison.Ordinal), SecretDetector.MaskText(snippet));
    }

    [Fact]
    public void An_exception_that_quotes_a_secret_is_rebuilt_masked_with_its_type_and_inner_exception()
    {
        var exception = new HttpRequestException("Cannot reach https://admin:pw-Secret-8@api:6443", new IOException("connect to https://admin:pw-Secret-8@api:6443 refused"));

        var masked = SecretDetector.MaskException(exception);

        Assert.IsType<HttpRequestException>(masked);
        Assert.Equal("Cannot reach https://admin@api:6443", masked.Message);
        Assert.DoesNotContain("pw-Secret-8", masked.InnerException!.Message, StringComparison.Ordinal);
        var plain = new InvalidOperationException("nothing to hide");
        Assert.Same(plain, SecretDetector.MaskException(plain));
    }
}
