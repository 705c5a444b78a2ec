namespace ContainerSecurity.Engine.Files;

/// <summary>
/// Opens and reads one input file the same guarded way for every reader: only regular files are opened (a FIFO,
/// /dev/zero or a socket is refused before it can block or never end), the kind's size bound is enforced while
/// reading (a /proc file reports size 0, so the bound is counted, not taken from the file system), and every read
/// observes the cancellation token: a read the kernel blocks is abandoned when Ctrl+C is pressed.
/// </summary>
public static class InputFile
{
    /// <summary>Opens <paramref name="path"/> for reading as a bounded, cancellable stream.</summary>
    /// <exception cref="NotRegularFileException">The path is not a regular file.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static Stream Open(string path, InputKind kind, CancellationToken cancellation)
    {
        var probe = FileProbe.Of(path);
        if (probe.Kind == FileObjectKind.Missing)
        {
            throw new FileNotFoundException($"{path}: the file does not exist.", path);
        }

        if (probe.Kind != FileObjectKind.RegularFile)
        {
            throw new NotRegularFileException(path, probe);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);

        // The path may have been swapped between the check and the open: what was opened is what counts.
        var opened = FileProbe.Of(stream.SafeFileHandle);
        if (opened.Kind is not (FileObjectKind.RegularFile or FileObjectKind.Missing))
        {
            stream.Dispose();
            throw new NotRegularFileException(path, opened);
        }

        return new BoundedInputStream(stream, path, kind, cancellation);
    }

    /// <summary>Reads the whole file, within its kind's bound.</summary>
    public static byte[] ReadAllBytes(string path, InputKind kind, CancellationToken cancellation)
    {
        // Sized by what the file system reports (0 for /proc files, which then grow as read), so a big file is not copied twice.
        var expected = (int)Math.Clamp(FileProbe.Of(path).Size, 0, Math.Min(kind.MaxBytes, Array.MaxLength));
        using var stream = Open(path, kind, cancellation);
        using var content = new MemoryStream(expected);
        stream.CopyTo(content, 64 * 1024);
        var buffer = content.GetBuffer();
        return buffer.Length == content.Length ? buffer : content.ToArray();
    }

    /// <summary>Reads and decodes the whole file (<see cref="TextDecoding"/>).</summary>
    /// <exception cref="InputEncodingException">Bytes that are not valid in the file's encoding.</exception>
    public static string ReadAllText(string path, InputKind kind, CancellationToken cancellation) =>
        TextDecoding.Decode(ReadAllBytes(path, kind, cancellation), path);

    /// <summary>Counts what is read against the bound, and hands each read to a worker so that Ctrl+C is never stuck in one.</summary>
    private sealed class BoundedInputStream(FileStream inner, string path, InputKind kind, CancellationToken cancellation) : Stream
    {
        private readonly byte[] _chunk = new byte[64 * 1024];
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            cancellation.ThrowIfCancellationRequested();

            // Read one byte past the bound, so a file of exactly the bound is accepted and one byte more is not.
            var room = kind.MaxBytes + 1 - _read;
            var wanted = (int)Math.Min(buffer.Length, room);
            if (wanted <= 0)
            {
                throw new InputTooLargeException(path, kind);
            }

            // FileStream runs the read on the thread pool; waiting with the token lets Ctrl+C leave a blocked read
            // behind. The chunk is this stream's own (never pooled), as an abandoned read may still write into it.
            wanted = Math.Min(wanted, _chunk.Length);
            var read = inner.ReadAsync(_chunk.AsMemory(0, wanted), CancellationToken.None).AsTask().WaitAsync(cancellation).GetAwaiter().GetResult();
            _chunk.AsSpan(0, read).CopyTo(buffer);
            _read += read;
            if (_read > kind.MaxBytes)
            {
                throw new InputTooLargeException(path, kind);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
