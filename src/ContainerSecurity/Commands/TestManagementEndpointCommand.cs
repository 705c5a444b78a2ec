using System.Management.Automation;
using ContainerSecurity.Engine.Kubernetes.ControlPlane;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Checks whether management endpoints (kubelet, API server, etcd, Docker …) answer without authentication.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ManagementEndpoint")]
[OutputType(typeof(Finding))]
[OutputType(typeof(bool))]
public sealed class TestManagementEndpointCommand : ContainerSecurityCommandBase
{
    private readonly List<Uri> _endpoints = [];

    /// <summary>The endpoints to probe, such as https://10.0.0.5:10250 or http://node-1:10255/pods. A URL without a path gets the well-known path of its port.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Endpoint")]
    [ValidateNotNullOrEmpty]
    public Uri[]? Uri { get; set; }

    /// <summary>Seconds to wait for each endpoint.</summary>
    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 5;

    /// <summary>Also write endpoints that refused the request, and informational results.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    /// <summary>Write only $true when no endpoint answered without authentication, and $false otherwise.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var uri in Uri ?? [])
        {
            if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
            {
                WriteItemError(new ArgumentException(string.Format(Strings.EndpointNotHttp, uri)), "EndpointNotHttp", ErrorCategory.InvalidArgument, uri);
                continue;
            }

            _endpoints.Add(uri);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_endpoints.Count > ManagementEndpointProbe.MaxEndpoints)
        {
            ThrowCommandError(new ArgumentException(string.Format(Strings.TooManyEndpoints, _endpoints.Count, ManagementEndpointProbe.MaxEndpoints)), "TooManyEndpoints", ErrorCategory.LimitsExceeded, null);
        }

        WriteScan(ManagementEndpointProbe.ProbeAsync(_endpoints, TimeSpan.FromSeconds(TimeoutSec), Cancellation));
        if (Quiet)
        {
            // An endpoint that could not be probed (Error), or that was refused as input, is not a pass.
            WriteObject(!FailureSeen);
        }
    }

    /// <inheritdoc/>
    protected override int ProgressActivityId => 7;

    /// <inheritdoc/>
    protected override void Write(ScanEvent scanEvent)
    {
        if (scanEvent is FindingEvent { Finding: var finding })
        {
            // A warning (an answer that neither gave data nor refused) is shown by default: left out, an endpoint that
            // may well be open would look like one that is closed.
            if (!Quiet && (IncludePassed || finding.Status is FindingStatus.Fail or FindingStatus.Warn))
            {
                base.Write(scanEvent);
            }

            return;
        }

        base.Write(scanEvent);
    }
}
