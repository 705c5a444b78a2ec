using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;
using static ContainerSecurity.Engine.Tests.Kubernetes.Credentials.KubeConfigAuditRunner;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

public sealed class KubeConfigAuditTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubeconfig-tests").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string relative) => Path.Join(TestPaths.Fixtures, "kubeconfig", relative);

    private static string Users(string userBody) => $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster:
              server: https://10.1.2.3:6443
        contexts:
          - name: ctx
            context: {"{ cluster: c, user: u }"}
        users:
          - name: u
            user:
        {userBody}
        """;

    [Fact]
    public void A_persons_client_certificate_is_reported_with_its_subject_issuer_and_expiry()
    {
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture("KC001/fail.yaml"))]);

        var finding = Assert.Single(findings, f => f.RuleId == "KC001");
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("'alice'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("2027-01-10", finding.Message, StringComparison.Ordinal);
        Assert.Contains("context shop", finding.Message, StringComparison.Ordinal);
        Assert.Contains("O=developers", finding.Evidence!.Observed, StringComparison.Ordinal);
        Assert.Contains("issuer CN=kubernetes", finding.Evidence.Observed, StringComparison.Ordinal);
        Assert.Equal(19, finding.Target.Line);
        Assert.Equal(32, finding.Target.Column);
        Assert.Equal("users[0].user.client-certificate-data", finding.Target.FieldPath);
        Assert.Equal("User", finding.Target.Kind);
        Assert.Equal("developer", finding.Target.Name);
        Assert.Contains(StrideCategory.Repudiation, finding.Stride);
    }

    [Fact]
    public void A_system_masters_certificate_is_high_severity()
    {
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture("KC001/fail-system-masters.yaml"))]);

        var finding = Assert.Single(findings, f => f.RuleId == "KC001");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("system:masters", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubelet_certificate_is_informational_not_a_failure()
    {
        var (findings, _) = RunText(Users($"      client-certificate-data: {CertificateData("node")}"));

        var finding = Assert.Single(findings, f => f.RuleId == "KC001");
        Assert.Equal(FindingStatus.Info, finding.Status);
        Assert.Contains("system:node:worker-1", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KC002/fail-expired.yaml", "expired on 2025-03-01", Severity.Medium)]
    [InlineData("KC002/fail-expiring.yaml", "expires on 2026-06-15, in 14 days", Severity.Medium)]
    [InlineData("KC002/fail-long-lived.yaml", "issued for 3652 days", Severity.Low)]
    public void Certificate_expiry_problems_say_when(string fixture, string expected, Severity severity)
    {
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture(fixture))]);

        var finding = Assert.Single(findings, f => f.RuleId == "KC002");
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.Equal(severity, finding.Severity);
    }

    [Fact]
    public void The_expiry_window_is_configurable()
    {
        var options = new KubeConfigAuditOptions { Now = FixtureClock, ExpiryWarningDays = 7 };
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture("KC002/fail-expiring.yaml"))], options);

        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC002").Status);
    }

    [Fact]
    public void A_certificate_file_resolves_against_the_kubeconfig_folder_and_a_missing_one_is_an_error_that_keeps_KC001()
    {
        Directory.CreateDirectory(Path.Join(_folder, "pki"));
        File.WriteAllBytes(Path.Join(_folder, "pki", "alice.crt"), Convert.FromBase64String(CertificateData("alice")));
        var good = Path.Join(_folder, "good.kubeconfig");
        File.WriteAllText(good, Users("      client-certificate: pki/alice.crt"));
        var missing = Path.Join(_folder, "missing.kubeconfig");
        File.WriteAllText(missing, Users("      client-certificate: pki/nobody.crt"));

        var (findings, problems) = Run([KubeConfigInput.FromFile(missing), KubeConfigInput.FromFile(good)]);

        var problem = Assert.Single(problems);
        Assert.Equal("ClientCertificateNotFound", problem.ErrorId);
        Assert.Equal(ProblemKind.NotFound, problem.Kind);
        Assert.Contains("missing.kubeconfig:13", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, findings.Count(f => f.RuleId == "KC001" && f.Status == FindingStatus.Fail));
        Assert.Contains(findings, f => f.RuleId == "KC002" && f.Target.File == good);
    }

    [Theory]
    [InlineData("KC003/fail.yaml", "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9", "system:serviceaccount:ci:deployer, that never expires")]
    [InlineData("KC003/fail-password.yaml", "S3cr3t-Passw0rd!", "password for 'admin'")]
    [InlineData("KC003/fail-auth-provider.yaml", "0c2a7e3f-9b1d-4c2e-8f6a-1d2b3c4d5e6f", "'client-secret'")]
    public void Stored_secrets_are_reported_but_never_printed(string fixture, string secret, string expected)
    {
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture(fixture))], new KubeConfigAuditOptions { Now = FixtureClock });

        var failures = findings.Where(f => f.RuleId == "KC003" && f.Status == FindingStatus.Fail).ToList();
        Assert.Contains(failures, f => f.Message.Contains(expected, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Contains("masked", f.Evidence!.Observed, StringComparison.Ordinal));
        foreach (var finding in findings)
        {
            Assert.DoesNotContain(secret, $"{finding.Message} {finding.Evidence} {finding.Remediation} {finding.Target}", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secret_exec_environment_variables_and_token_files_are_reported()
    {
        var (findings, _) = RunText(Users("""
                  tokenFile: /var/run/ci/token
                  exec:
                    command: aws
                    args: [eks, get-token, --cluster-name, shop]
                    env:
                      - name: AWS_SECRET_ACCESS_KEY
                        value: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                      - name: AWS_PROFILE
                        value: shop
            """));

        var failures = findings.Where(f => f.RuleId == "KC003" && f.Status == FindingStatus.Fail).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Target.FieldPath == "users[0].user.tokenFile" && f.Severity == Severity.Medium);
        Assert.Contains(failures, f => f.Target.FieldPath == "users[0].user.exec.env[0].value" && f.Message.Contains("AWS_SECRET_ACCESS_KEY", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Evidence?.Observed.Contains("wJalrXUtnFEMI", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Skip_tls_verify_and_plain_http_point_at_the_field()
    {
        var (findings, _) = Run([KubeConfigInput.FromFile(Fixture("KC004/fail.yaml")), KubeConfigInput.FromFile(Fixture("KC005/fail.yaml"))]);

        var skip = Assert.Single(findings, f => f.RuleId == "KC004" && f.Status == FindingStatus.Fail);
        Assert.Equal("clusters[0].cluster.insecure-skip-tls-verify", skip.Target.FieldPath);
        Assert.Equal(9, skip.Target.Line);
        Assert.Equal("Cluster", skip.Target.Kind);
        var http = Assert.Single(findings, f => f.RuleId == "KC005" && f.Status == FindingStatus.Fail);
        Assert.Equal(Severity.High, http.Severity);
        Assert.Contains("http://k8s-api.shop.example.com:8080", http.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_to_a_loopback_proxy_is_low()
    {
        var (findings, _) = RunText(Users("      token: ''").Replace("https://10.1.2.3:6443", "http://127.0.0.1:8001", StringComparison.Ordinal));

        Assert.Equal(Severity.Low, Assert.Single(findings, f => f.RuleId == "KC005").Severity);
    }

    [Theory]
    [InlineData("kubelogin", null, FindingStatus.Pass)]
    [InlineData("/usr/local/bin/gke-gcloud-auth-plugin", null, FindingStatus.Pass)]
    [InlineData("kubectl", "oidc-login", FindingStatus.Pass)]
    [InlineData("kubectl", "exec", FindingStatus.Fail)]
    [InlineData("python3", null, FindingStatus.Fail)]
    [InlineData("bin/aws", null, FindingStatus.Fail)]
    [InlineData("corp-login", null, FindingStatus.Pass)]
    public void Exec_plugins_are_checked_against_the_known_and_trusted_programs(string command, string? firstArgument, FindingStatus expected)
    {
        var args = firstArgument is null ? string.Empty : $"\n        args: [{firstArgument}]";
        var options = new KubeConfigAuditOptions { Now = FixtureClock, TrustedExecPlugins = ["corp-login"] };

        var (findings, _) = RunText(Users($"      exec:\n        command: {command}{args}"), _folder, options);

        Assert.Equal(expected, Assert.Single(findings, f => f.RuleId == "KC006").Status);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_exec_plugin_that_others_can_write_is_unexpected_even_with_a_known_name()
    {
        var program = Path.Join(_folder, "kubelogin");
        File.WriteAllText(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, (UnixFileMode)0b111_111_111);

        var (findings, _) = RunText(Users($"      exec:\n        command: {program}"));

        var finding = Assert.Single(findings, f => f.RuleId == "KC006");
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("can be written by other users", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_files_are_reported_with_file_line_and_column_and_the_next_file_is_still_audited()
    {
        var broken = Path.Join(_folder, "broken.kubeconfig");
        File.WriteAllText(broken, "apiVersion: v1\nusers:\n  - name: u\n    user: {token: [unclosed\n");
        var wrongShape = Path.Join(_folder, "shape.kubeconfig");
        File.WriteAllText(wrongShape, "apiVersion: v1\nusers:\n  - just-a-string\n");

        var (findings, problems) = Run([
            KubeConfigInput.FromFile(broken),
            KubeConfigInput.FromFile(wrongShape),
            KubeConfigInput.FromFile(Path.Join(_folder, "absent.kubeconfig")),
            KubeConfigInput.FromFile(Fixture("KC004/fail.yaml"))]);

        Assert.Equal(["InvalidKubeConfig", "InvalidKubeConfigEntry", "KubeConfigNotFound"], problems.Select(p => p.ErrorId));
        Assert.Contains("broken.kubeconfig:", problems[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("shape.kubeconfig:3:5: users[0] must be a mapping", problems[1].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("absent.kubeconfig", problems[2].Exception.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.RuleId == "KC004" && f.Status == FindingStatus.Fail);
    }

    [Fact]
    public void An_empty_kubeconfig_is_an_error_not_a_clean_audit()
    {
        var (findings, problems) = RunText(string.Empty);

        Assert.Empty(findings);
        var problem = Assert.Single(problems);
        Assert.Equal("EmptyKubeConfig", problem.ErrorId);
        Assert.Contains("nothing was audited", problem.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KUBECONFIG_is_a_path_list_and_the_home_config_is_the_fallback()
    {
        var separator = Path.PathSeparator;

        Assert.Equal(["/a/config", "/b/config"], KubeConfigLocator.DefaultPaths($"/a/config{separator}{separator}/b/config{separator}/a/config", "/home/u"));
        Assert.Equal([Path.Join("/home/u", ".kube", "config")], KubeConfigLocator.DefaultPaths(null, "/home/u"));
        Assert.Equal([Path.Join("/home/u", ".kube", "config")], KubeConfigLocator.DefaultPaths("  ", "/home/u"));
    }

    private static string CertificateData(string fixtureUser)
    {
        var fixture = fixtureUser switch
        {
            "alice" => "KC001/fail.yaml",
            "node" => "KC001/pass-kubelet.yaml",
            _ => throw new ArgumentOutOfRangeException(nameof(fixtureUser)),
        };
        var line = File.ReadLines(Fixture(fixture)).First(l => l.TrimStart().StartsWith("client-certificate-data:", StringComparison.Ordinal));
        return line.Split(':', 2)[1].Trim();
    }
}
