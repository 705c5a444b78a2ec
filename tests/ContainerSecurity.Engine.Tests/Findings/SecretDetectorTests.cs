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
    public void Command_lines_keep_their_shape_and_lose_their_secrets(string commandLine, string expected, string secret)
    {
        var masked = SecretDetector.MaskText(commandLine);

        Assert.Contains(expected, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_command_lines_are_left_alone() =>
        Assert.Equal("nginx -g daemon off; --log-level=info", SecretDetector.MaskText("nginx -g daemon off; --log-level=info"));
}
