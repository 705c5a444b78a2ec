using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// The security-relevant parts of one container inspect document (GET /containers/{id}/json, or an element of
/// <c>docker inspect</c> output), read once so that every rule sees the same values.
/// </summary>
public sealed class ContainerInspection
{
    private ContainerInspection(JsonElement document)
    {
        Document = document;
        Id = document.String("Id")!;
        Name = (document.String("Name") ?? Id[..Math.Min(12, Id.Length)]).TrimStart('/');
        var config = document.Member("Config") ?? default;
        var host = document.Member("HostConfig") ?? default;
        Image = config.String("Image") ?? document.String("Image") ?? string.Empty;
        Running = document.Path("State", "Running") is { ValueKind: JsonValueKind.True };
        Labels = config.Properties("Labels")
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Key, p => p.Value.GetString()!, StringComparer.Ordinal);
        Config = config;
        HostConfig = host;
        Mounts = document.Objects("Mounts").Select(ContainerMount.Read).ToArray();
        PortBindings = ReadPorts(document.Member("NetworkSettings") ?? default, host);
        Networks = (document.Member("NetworkSettings") ?? default).Properties("Networks").Select(p => p.Key).ToArray();
    }

    /// <summary>The whole document, for rules that need a field not read here.</summary>
    public JsonElement Document { get; }

    public string Id { get; }

    /// <summary>The name without the leading slash.</summary>
    public string Name { get; }

    /// <summary>The image as the container was created from it.</summary>
    public string Image { get; }

    public bool Running { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The Config section (image and run configuration).</summary>
    public JsonElement Config { get; }

    /// <summary>The HostConfig section (what docker run asked of the host).</summary>
    public JsonElement HostConfig { get; }

    public IReadOnlyList<ContainerMount> Mounts { get; }

    /// <summary>Published ports: from NetworkSettings.Ports when the container runs, else from HostConfig.PortBindings.</summary>
    public IReadOnlyList<ContainerPortBinding> PortBindings { get; }

    /// <summary>The names of the networks the container is attached to.</summary>
    public IReadOnlyList<string> Networks { get; }

    /// <summary>HostConfig.SecurityOpt, e.g. "no-new-privileges:true", "seccomp=unconfined".</summary>
    public IReadOnlyList<string> SecurityOptions => HostConfig.Strings("SecurityOpt");

    public bool Privileged => HostConfig.Bool("Privileged");

    /// <summary>
    /// Reads one inspect document; throws <see cref="InvalidDataException"/> naming <paramref name="source"/> when
    /// it is not a container (no object, no Id).
    /// </summary>
    public static ContainerInspection Read(JsonElement document, string source)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: expected a container inspect object, found a JSON {document.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var id = document.String("Id");
        var name = document.String("Name")?.TrimStart('/');
        var named = name is { Length: > 0 } ? $"container '{name}'" + (id is { Length: > 0 } ? $" ({ShortId(id)})" : string.Empty) : id is { Length: > 0 } ? $"container {ShortId(id)}" : null;
        if (string.IsNullOrEmpty(id) || document.Member("HostConfig") is not { ValueKind: JsonValueKind.Object })
        {
            throw new InvalidDataException($"{source}: {(named is null ? string.Empty : named + " is ")}not a container inspect document (it has no Id or no HostConfig; is it image inspect output?).");
        }

        // A field of the wrong type would read as "not set", which for a security field is the safe value: not audited.
        var problems = InspectFieldTypes.Problems(document);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {named} was not audited: {string.Join("; ", problems)}.");
        }

        return new ContainerInspection(document);
    }

    /// <summary>Like <see cref="Read"/>, but reports a malformed document through <paramref name="error"/>.</summary>
    public static bool TryRead(JsonElement document, string source, [NotNullWhen(true)] out ContainerInspection? container, [NotNullWhen(false)] out InvalidDataException? error)
    {
        try
        {
            container = Read(document, source);
            error = null;
            return true;
        }
        catch (InvalidDataException exception)
        {
            container = null;
            error = exception;
            return false;
        }
    }

    private static string ShortId(string id) => id[..Math.Min(12, id.Length)];

    private static ContainerPortBinding[] ReadPorts(JsonElement networkSettings, JsonElement host)
    {
        // A stopped container has no NetworkSettings.Ports bindings; what it will publish is in HostConfig.PortBindings.
        var live = networkSettings.Properties("Ports").Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList();
        var source = live.Any(p => p.Value.GetArrayLength() > 0) ? live : host.Properties("PortBindings").ToList();
        var bindings = new List<ContainerPortBinding>();
        foreach (var (containerPort, hostBindings) in source)
        {
            if (hostBindings.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var binding in hostBindings.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object))
            {
                bindings.Add(new ContainerPortBinding(containerPort, binding.String("HostIp") ?? string.Empty, binding.String("HostPort") ?? string.Empty));
            }
        }

        return [.. bindings];
    }
}

/// <summary>One entry of Mounts.</summary>
public sealed record ContainerMount(string Type, string Source, string Destination, bool ReadWrite, string Propagation)
{
    internal static ContainerMount Read(JsonElement mount) => new(
        mount.String("Type") ?? string.Empty,
        mount.String("Source") ?? string.Empty,
        mount.String("Destination") ?? string.Empty,
        mount.Member("RW") is not { ValueKind: JsonValueKind.False },
        mount.String("Propagation") ?? string.Empty);
}

/// <summary>One published port: "80/tcp" on HostIp:HostPort.</summary>
public sealed record ContainerPortBinding(string ContainerPort, string HostIp, string HostPort)
{
    public override string ToString() => $"{(HostIp.Length == 0 ? "0.0.0.0" : HostIp)}:{HostPort}->{ContainerPort}";
}
