using System.Reflection;
using System.Runtime.Loader;

namespace ContainerSecurity.Loading;

/// <summary>
/// The private load context of the engine and its third-party libraries (KubernetesClient, YamlDotNet,
/// Docker.DotNet). Another module in the same session may have loaded other versions of them into the default
/// context (powershell-yaml ships YamlDotNet 11, for example); ours never meet theirs.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;
    private readonly Assembly _models;

    public EngineLoadContext(string dependencyDirectory, Assembly models)
        : base("ContainerSecurity.Engine", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _models = models;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The public models are the types the cmdlets write to the pipeline: the engine must build the very same
        // types, so it shares the default context's copy instead of loading its own.
        if (AssemblyName.ReferenceMatchesDefinition(assemblyName, _models.GetName()))
        {
            return _models;
        }

        // Returning null for anything not shipped here lets the runtime's own assemblies come from the default context.
        var path = Path.Join(_dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
