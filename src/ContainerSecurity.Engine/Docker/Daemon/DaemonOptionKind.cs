namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>How dockerd parses an option's value; decides how flags are read and how values merge.</summary>
internal enum DaemonOptionKind
{
    /// <summary>A pflag boolean: <c>--icc</c> or <c>--icc=false</c>; never takes the next argument as its value.</summary>
    Bool,
    /// <summary>A single string or number; the last flag wins.</summary>
    Text,
    /// <summary>A repeatable flag whose values accumulate (<c>--insecure-registry a --insecure-registry b</c>); a JSON array.</summary>
    List,
    /// <summary>A repeatable <c>key=value</c> flag (<c>--log-opt max-size=10m</c>); a JSON object.</summary>
    Map,
}
