namespace ContainerSecurity.Engine.Http;

/// <summary>
/// Reads each response body to the end before the caller sees it, under the request's own cancellation token (so the
/// caller's timeout and Ctrl+C cover the body too, also when the client library later reads it synchronously), and
/// stops at <see cref="ResponseLimits.MaxBodyBytes"/> with a <see cref="ResponseTooLargeException"/>. The audits only
/// make requests whose answers are single JSON documents, so nothing is lost by buffering. An error answer carries only
/// a message (a Kubernetes Status, a Docker {"message"}), so its body is bounded far lower: a server that sends
/// megabytes with a 500 would otherwise cost seconds and hundreds of megabytes per request.
/// </summary>
internal sealed class BoundedResponseHandler(long maxBodyBytes) : DelegatingHandler
{
    /// <summary>The most the body of an answer that is not a success may hold.</summary>
    internal const long MaxErrorBodyBytes = 4 * 1024 * 1024;

    private const int MinimumSegmentSize = 16 * 1024;
    private const int MaximumSegmentSize = 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var limit = response.IsSuccessStatusCode ? maxBodyBytes : Math.Min(maxBodyBytes, MaxErrorBodyBytes);
            response.Content = await BufferAsync(response.Content, limit, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpContent> BufferAsync(HttpContent content, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBodyBytes)
        {
            throw TooLarge(maxBodyBytes);
        }

        // Read in segments and joined once at the end: a growing buffer would double (and copy) its way up to twice
        // the bound before an endless body is refused. Segments grow with the body (small answers stay small) up to 1 MB.
        var segments = new List<byte[]>();
        var length = 0L;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                var segment = new byte[(int)Math.Clamp(length, MinimumSegmentSize, MaximumSegmentSize)];
                var filled = 0;
                int read;
                while (filled < segment.Length && (read = await stream.ReadAsync(segment.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                    if (length + filled > maxBodyBytes)
                    {
                        throw TooLarge(maxBodyBytes);
                    }
                }

                if (filled > 0)
                {
                    segments.Add(filled == segment.Length ? segment : segment[..filled]);
                    length += filled;
                }

                if (filled < segment.Length)
                {
                    break;
                }
            }
        }

        var body = segments.Count == 1 ? segments[0] : new byte[length];
        if (segments.Count > 1)
        {
            var offset = 0;
            foreach (var segment in segments)
            {
                segment.CopyTo(body, offset);
                offset += segment.Length;
            }
        }

        var buffered = new ByteArrayContent(body);
        foreach (var header in content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        buffered.Headers.ContentLength = length;
        content.Dispose();
        return buffered;
    }

    private static ResponseTooLargeException TooLarge(long maxBodyBytes) =>
        new($"the response body is larger than {Describe(maxBodyBytes)}", maxBodyBytes);

    /// <summary>A byte count as people read it: 128 MB, 64 KB.</summary>
    internal static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} bytes",
    };
}
