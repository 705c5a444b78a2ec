namespace ContainerSecurity.Engine.Http;

/// <summary>
/// How much one answer of a Docker daemon or Kubernetes API server may hold. An endpoint that streams endless headers
/// or an endless body would otherwise be buffered until the process runs out of memory. The bounds are generous:
/// real answers are far smaller (a Kubernetes list is paged, see <c>ClusterScope.PageSize</c>; a container list of
/// ten thousand containers is about 20 MB).
/// </summary>
/// <param name="MaxHeaderBytes">The most the status line and headers of one response may hold.</param>
/// <param name="MaxBodyBytes">The most the body of one response may hold.</param>
public sealed record ResponseLimits(int MaxHeaderBytes, long MaxBodyBytes)
{
    /// <summary>Docker Engine API answers: inspect documents and lists of containers or images.</summary>
    public static ResponseLimits Docker { get; } = new(MaxHeaderBytes: 64 * 1024, MaxBodyBytes: 128L * 1024 * 1024);

    /// <summary>
    /// Kubernetes API answers: one list page of at most <c>ClusterScope.PageSize</c> objects. A page of 500 pods with
    /// their managed fields is about 15 MB; the bound leaves room for pages eight times larger (and a page that large
    /// already takes several times its size in memory once deserialized).
    /// </summary>
    public static ResponseLimits Kubernetes { get; } = new(MaxHeaderBytes: 64 * 1024, MaxBodyBytes: 128L * 1024 * 1024);

    /// <summary>The header bound in the unit <see cref="System.Net.Http.SocketsHttpHandler.MaxResponseHeadersLength"/> takes (KiB, rounded up).</summary>
    internal int MaxHeaderKilobytes => (int)Math.Max(1, (MaxHeaderBytes + 1023L) / 1024);
}
