namespace ContainerSecurity;

/// <summary>Whether a rule is checked by the module or needs a person to check it.</summary>
public enum CheckMode
{
    /// <summary>A cmdlet evaluates the rule and reports a finding.</summary>
    Automated,
    /// <summary>The threat is in the catalog and the cheat sheet, but a person has to check it.</summary>
    Manual,
}
