using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class CheatSheetBuilderTests
{
    private static CheatSheet Build(IEnumerable<Finding> findings, CheatSheetOptions? options = null) =>
        CheatSheetBuilder.Build(RuleCatalog.Default, findings, options ?? new CheatSheetOptions());

    [Fact]
    public void Without_findings_the_sheet_is_the_whole_catalog_and_nothing_is_audited()
    {
        var sheet = Build([]);

        Assert.False(sheet.HasFindings);
        Assert.Equal(RuleCatalog.Default.Rules.Count(), sheet.Threats.Count);
        Assert.All(sheet.Threats, t => Assert.False(t.Result.Audited));
        Assert.All(sheet.Assets, a => Assert.Empty(a.Targets));
        Assert.Equal(Enum.GetValues<Asset>(), sheet.Assets.Select(a => a.Asset));
        Assert.Contains(sheet.Threats, t => t.Rule.Id == "DM001");
        Assert.Contains(sheet.Threats, t => t.Rule.Id == "KM003");
    }

    [Fact]
    public void Threats_are_ordered_by_platform_then_STRIDE_then_severity()
    {
        var keys = Build([]).Threats.Select(t => (t.Rule.Platform, t.Category, -(int)t.Rule.Severity)).ToList();

        Assert.Equal(keys.OrderBy(k => k.Platform).ThenBy(k => k.Category).ThenBy(k => k.Item3), keys);
    }

    [Fact]
    public void Each_threat_counts_passed_failed_and_waived_findings_and_lists_the_worst_targets()
    {
        var sheet = Build([ReportFindings.PodFail(), ReportFindings.PodFail("shop-front", "php", 20, severity: Severity.Critical), ReportFindings.PodPass(), ReportFindings.PodWaived(), ReportFindings.DaemonPass()]);

        var kp001 = sheet.Threats.Single(t => t.Rule.Id == "KP001").Result;
        Assert.Equal((1, 2, 1), (kp001.Passed, kp001.Failed, kp001.Waived));
        Assert.Equal(Severity.Critical, kp001.WorstSeverity);
        Assert.Equal(["k8s/web.yaml:20 shop/Deployment/shop-front[php]", "k8s/web.yaml:7 shop/Deployment/web[nginx]"], kp001.WorstTargets.Select(t => t.Target));
        Assert.Equal(5, sheet.FindingCount);
        Assert.Equal(2, sheet.Totals.Passed);
        Assert.Equal("passed", SheetText.Outcome(sheet.Threats.Single(t => t.Rule.Id == "DD003").Result));
    }

    [Fact]
    public void The_worst_target_list_is_capped()
    {
        var findings = Enumerable.Range(1, 9).Select(i => ReportFindings.PodFail($"w{i}", line: i));

        var result = Build(findings, new CheatSheetOptions { WorstTargetCount = 3 }).Threats.Single(t => t.Rule.Id == "KP001").Result;

        Assert.Equal(9, result.Failed);
        Assert.Equal(3, result.WorstTargets.Count);
    }

    [Fact]
    public void Audited_assets_are_the_distinct_objects_per_asset_kind()
    {
        var sheet = Build([ReportFindings.PodFail(line: 7), ReportFindings.PodFail(container: "sidecar", line: 30), ReportFindings.PodPass(), ReportFindings.DaemonPass(), ReportFindings.ContainerFail()]);

        Assert.Equal(["shop/Deployment/api (k8s/api.yaml)", "shop/Deployment/web (k8s/web.yaml)"], sheet.Assets.Single(a => a.Asset == Asset.Pod).Targets);
        Assert.Equal(["unix:///var/run/docker.sock"], sheet.Assets.Single(a => a.Asset == Asset.Daemon).Targets);
        Assert.Equal(["Container/db"], sheet.Assets.Single(a => a.Asset == Asset.Container).Targets);
        Assert.Empty(sheet.Assets.Single(a => a.Asset == Asset.Cluster).Targets);
    }

    [Fact]
    public void The_matrix_colours_each_cell_by_its_worst_open_finding()
    {
        var sheet = Build([ReportFindings.PodFail(), ReportFindings.DaemonPass(), ReportFindings.ContainerFail(), ReportFindings.PodWaived()]);
        var matrix = sheet.Matrix;

        Assert.Equal(Enum.GetValues<StrideCategory>(), matrix.Rows);
        Assert.Equal(Enum.GetValues<Asset>(), matrix.Columns);
        Assert.Equal("high", matrix[StrideCategory.Spoofing, Asset.Pod].State);
        Assert.Equal(1, matrix[StrideCategory.Spoofing, Asset.Pod].OpenCount);
        Assert.Equal(1, matrix[StrideCategory.Spoofing, Asset.Pod].WaivedCount);
        Assert.Equal("passed", matrix[StrideCategory.Repudiation, Asset.Daemon].State);
        Assert.Equal("critical", matrix[StrideCategory.ElevationOfPrivilege, Asset.Container].State);
        Assert.Equal("unaudited", matrix[StrideCategory.Tampering, Asset.Cluster].State);
        var podSpoofing = RuleCatalog.Default.Rules.Count(r => r.Asset == Asset.Pod && r.Stride.Contains(StrideCategory.Spoofing));
        Assert.Equal(podSpoofing, matrix[StrideCategory.Spoofing, Asset.Pod].ThreatCount);
    }

    [Fact]
    public void A_waived_failure_alone_shows_as_waived()
    {
        var cell = Build([ReportFindings.PodWaived()]).Matrix[StrideCategory.Spoofing, Asset.Pod];

        Assert.Equal("waived", cell.State);
    }

    [Fact]
    public void Platform_and_STRIDE_filters_narrow_threats_findings_and_matrix()
    {
        var sheet = Build(
            [ReportFindings.PodFail(), ReportFindings.DaemonPass()],
            new CheatSheetOptions { Platforms = [Platform.Kubernetes], Stride = [StrideCategory.Spoofing, StrideCategory.DenialOfService] });

        Assert.All(sheet.Threats, t => Assert.Equal(Platform.Kubernetes, t.Rule.Platform));
        Assert.All(sheet.Threats, t => Assert.Contains(t.Category, new[] { StrideCategory.Spoofing, StrideCategory.DenialOfService }));
        Assert.Equal([Platform.Kubernetes], sheet.Platforms);
        Assert.Equal([Asset.Pod, Asset.Cluster], sheet.Matrix.Columns);
        Assert.Equal([StrideCategory.Spoofing, StrideCategory.DenialOfService], sheet.Matrix.Rows);
        Assert.Equal(1, sheet.FindingCount);

        // KC002 is DenialOfService and Repudiation: it is filed under the category the filter kept.
        Assert.Equal(StrideCategory.DenialOfService, sheet.Threats.Single(t => t.Rule.Id == "KC002").Category);
    }

    [Fact]
    public void A_finding_of_a_rule_outside_the_catalog_is_not_counted()
    {
        var foreign = new Finding
        {
            RuleId = "XX999", Title = "Custom", Status = FindingStatus.Fail, Severity = Severity.High, Stride = [StrideCategory.Tampering],
            Platform = Platform.Docker, Asset = Asset.Image, Target = new FindingTarget { File = "Dockerfile" }, Message = "m", Remediation = "r", References = [],
        };

        var sheet = Build([foreign]);

        Assert.True(sheet.HasFindings);
        Assert.Equal(0, sheet.FindingCount);
    }
}
