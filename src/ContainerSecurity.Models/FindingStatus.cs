namespace ContainerSecurity;

/// <summary>The outcome of evaluating one rule against one target.</summary>
public enum FindingStatus
{
    /// <summary>The target meets the rule.</summary>
    Pass,
    /// <summary>The target violates the rule.</summary>
    Fail,
    /// <summary>The target may violate the rule; the evidence is not conclusive.</summary>
    Warn,
    /// <summary>Information only; nothing to pass or fail.</summary>
    Info,
    /// <summary>The rule needs a person to check it.</summary>
    Manual,
    /// <summary>The rule does not apply to this target.</summary>
    NotApplicable,
    /// <summary>The rule could not be evaluated (for example the daemon did not answer).</summary>
    Error,
}
