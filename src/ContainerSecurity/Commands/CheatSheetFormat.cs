namespace ContainerSecurity;

/// <summary>The formats Export-ThreatCheatSheet writes.</summary>
public enum CheatSheetFormat
{
    /// <summary>GitHub-flavoured Markdown (the default).</summary>
    Markdown,
    /// <summary>One self-contained HTML page for screen and print.</summary>
    Html,
    /// <summary>JSON, section by section.</summary>
    Json,
}

/// <summary>The machine-readable formats Export-ContainerSecurityReport and ConvertTo-ContainerSecurityReport write.</summary>
public enum ReportFormat
{
    /// <summary>SARIF 2.1.0, for code-scanning upload.</summary>
    Sarif,
    /// <summary>JUnit XML, one test case per rule × target.</summary>
    JUnit,
    /// <summary>Comma-separated values, one row per finding.</summary>
    Csv,
    /// <summary>A JSON array of findings, with the properties of ContainerSecurity.Finding and enums as names.</summary>
    Json,
}
