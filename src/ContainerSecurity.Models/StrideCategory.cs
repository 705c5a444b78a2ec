namespace ContainerSecurity;

/// <summary>The six STRIDE threat categories.</summary>
public enum StrideCategory
{
    /// <summary>Pretending to be someone or something else.</summary>
    Spoofing,
    /// <summary>Changing data, code or configuration without authority.</summary>
    Tampering,
    /// <summary>Acting without leaving a trace that ties the action to its author.</summary>
    Repudiation,
    /// <summary>Exposing information to someone not allowed to see it.</summary>
    InformationDisclosure,
    /// <summary>Denying or degrading service to legitimate users.</summary>
    DenialOfService,
    /// <summary>Gaining capabilities without authorization.</summary>
    ElevationOfPrivilege,
}
