using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Engine.Tests.Catalog;

/// <summary>
/// The CIS Docker Benchmark 1.6.0 and docker-bench-security v1.6.0 number section 5 differently: CIS 1.6.0 moved
/// "swarm mode is not enabled" to 5.1, while docker-bench v1.6.0 keeps it as 7.1 and starts section 5 with AppArmor
/// (tests/5_container_runtime.sh at the v1.6.0 tag: check_5_1 is AppArmor … check_5_31 the Docker socket). A user
/// comparing our output with docker-bench's must find the check docker-bench prints.
/// </summary>
public sealed class DockerBenchmarkReferenceTests
{
    [Theory]
    [InlineData("DC001", "5.2", "5.1")] // AppArmor profile
    [InlineData("DC002", "5.3", "5.2")] // SELinux options
    [InlineData("DC005", "5.5", "5.4")] // privileged containers
    [InlineData("DC006", "5.6", "5.5")] // sensitive host directories
    [InlineData("DC015", "5.15", "5.14")] // on-failure restart policy
    [InlineData("DC022", "5.22", "5.21")] // default seccomp profile
    [InlineData("DC025", "5.26", "5.25")] // no additional privileges
    [InlineData("DC027", "5.29", "5.28")] // PIDs cgroup limit
    [InlineData("DC030", "5.32", "5.31")] // Docker socket mounted
    [InlineData("DD002", "2.2", "2.2")] // sections 1 to 4 number alike
    [InlineData("DD019", "4.5", "4.5")]
    [InlineData("DD020", "1.1.2", "1.1.2")]
    [InlineData("DF021", "3.21", "3.21")]
    public void A_rule_cites_the_CIS_1_6_0_id_and_the_id_docker_bench_v1_6_0_prints(string ruleId, string cis, string dockerBench)
    {
        var references = RuleCatalog.Default[ruleId].References;

        Assert.Contains(cis, references.Where(r => r.Source == "CIS Docker 1.6.0").Select(r => r.Id));
        Assert.Contains(dockerBench, references.Where(r => r.Source == "docker-bench-security").Select(r => r.Id));
    }

    [Fact]
    public void Every_section_5_docker_bench_id_is_one_below_the_CIS_id_and_every_other_is_the_same()
    {
        foreach (var rule in RuleCatalog.Default.Rules.Where(r => r.Id.StartsWith('D')))
        {
            var cis = rule.References.Where(r => r.Source == "CIS Docker 1.6.0").Select(r => r.Id).ToList();
            var bench = rule.References.Where(r => r.Source == "docker-bench-security" && !r.Id.StartsWith("C.", StringComparison.Ordinal)).Select(r => r.Id).ToList();
            if (bench.Count == 0)
            {
                continue;
            }

            var expected = cis.Select(id => id.StartsWith("5.", StringComparison.Ordinal) ? $"5.{int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) - 1}" : id);
            Assert.True(expected.SequenceEqual(bench), $"{rule.Id}: CIS {string.Join(",", cis)} but docker-bench {string.Join(",", bench)}");
        }
    }
}
