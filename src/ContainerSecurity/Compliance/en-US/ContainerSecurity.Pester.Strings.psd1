# Messages of the module's Pester integration (ContainerSecurity.Pester.psm1), read with Import-LocalizedData.
ConvertFrom-StringData @'
PesterNotFound = Invoke-ContainerSecurityTest needs Pester 5 or later, which is not installed. Install it with: Install-PSResource -Name Pester (or Install-Module -Name Pester -MinimumVersion 5.0 -Scope CurrentUser), then run the command again.
OldPesterLoaded = Pester {0} is loaded in this session; Invoke-ContainerSecurityTest needs Pester 5 or later. Run Remove-Module Pester, then Import-Module Pester -MinimumVersion 5.0.
NoTarget = Nothing to test: give at least one target (-ManifestPath, -DockerfilePath, -DaemonConfigPath, -Root, -DockerHost, -ContainerInspectPath, -Context or -KubeConfig).
NotAFolder = {0} exists and is not a folder.
FileExists = {0} already exists; use -Force to replace it (containersecurity.tests.psd1 is never replaced).
ConfigurationKept = {0} is kept: it holds the targets of the installed suites.
InstallAction = Install compliance suite file
OperatorNotRegistered = The ContainerSecurity Should operators were not registered: {0}
InvalidSeverity = -MinimumSeverity '{0}' is not a severity (Info, Low, Medium, High, Critical).
InvalidLevel = '{0}' is not a Pod Security Standards level (Privileged, Baseline, Restricted).
NotAFinding = Expected ContainerSecurity findings (from Get-PodThreat, Test-DockerDaemonConfig and the other audits), but got [{0}] '{1}'.
NotAnAssessment = Expected Pod Security Standards assessments (Get-PodThreat -PodSecurityLevel) or manifest paths, but got [{0}] '{1}'.
CannotAssess = Could not assess the workloads in {0}: {1}
FindingScope = at or above {0} for rules {1}
ExpectedNoFinding = Expected no open finding {0}{1}, but found {2}:
ExpectedFinding = Expected at least one open finding {0}{1}, but found none.
NoWorkload = Expected workloads that meet the Pod Security Standards {0} level{1}, but no workload was assessed.
ExpectedLevel = Expected every workload to meet the Pod Security Standards {0} level{1}, but {2} of {3} do not:
ExpectedBelowLevel = Expected a workload below the Pod Security Standards {0} level{1}, but all {2} meet it.
'@
