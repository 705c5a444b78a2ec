using ContainerSecurity;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Findings;

namespace ReportExport;

/// <summary>
/// The input generator: what audits of a large estate return — every automated rule evaluated against many
/// workloads, hosts and containers, most passing, some failing, a few waived or not evaluated. Deterministic.
/// </summary>
internal static class SampleFindings
{
    public static List<Finding> Generate(int workloads)
    {
        var random = new Random(7);
        var rules = RuleCatalog.Default.Rules.Where(r => r.Mode == CheckMode.Automated).ToList();
        var findings = new List<Finding>();
        for (var w = 0; w < workloads; w++)
        {
            foreach (var rule in rules)
            {
                var roll = random.Next(100);
                var status = roll < 70 ? FindingStatus.Pass : roll < 95 ? FindingStatus.Fail : roll < 98 ? FindingStatus.Warn : FindingStatus.Error;
                var waiver = status == FindingStatus.Fail && roll % 10 == 0 ? new Waiver { Reason = "accepted until the migration", Expires = new DateTime(2030, 1, 1) } : null;
                findings.Add(FindingFactory.Create(rule, status, Target(rule, w), $"{rule.Id} evaluated for workload {w}",
                    new Evidence("observed value", "expected value", $"manifests/app-{w % 50}.yaml:{(w % 200) + 1}"), waiver: waiver));
            }
        }

        return findings;
    }

    private static FindingTarget Target(SecurityRule rule, int w) => rule.Asset switch
    {
        Asset.Pod => new FindingTarget { File = $"manifests/app-{w % 50}.yaml", Line = (w % 200) + 1, Column = 7, Namespace = $"team-{w % 12}", Kind = "Deployment", Name = $"app-{w}", Container = "main", FieldPath = "spec.template.spec.containers[0]" },
        Asset.Cluster => new FindingTarget { Namespace = $"team-{w % 12}", Kind = "RoleBinding", Name = $"binding-{w}" },
        Asset.Image => new FindingTarget { File = $"images/app-{w}/Dockerfile", Line = 1, Kind = "Dockerfile", Name = $"images/app-{w}/Dockerfile" },
        Asset.Container => new FindingTarget { Host = $"host-{w % 20}", Kind = "Container", Name = $"app-{w}" },
        Asset.HostFiles => new FindingTarget { Host = $"host-{w % 20}", File = "/etc/docker/daemon.json" },
        _ => new FindingTarget { Host = $"unix:///run/docker-{w % 20}.sock" },
    };
}
