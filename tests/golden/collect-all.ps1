# ses-migrate evidence collector for every Windows host, phase dual: it finds its own by the computer's name.
# It changes nothing on the host: it reads the SES Evolution components, the .NET runtimes and the firewall rules, and tests the connections this host must make.
# Run it in Windows PowerShell 5.1 or PowerShell 7, elevated to see every firewall rule; it writes one JSON file in the current directory.
# Bring that file back to the machine that keeps the migration's state, and there: ses-migrate evidence import FILE
$SchemaVersion = 1
$ScriptVersion = '0.1.0'
$Migration = 'ses-2.6-2.7.1'
$NotDeclared = 'This computer, {0}, is not one of the hosts of this collector: declare it in ses-migrate, then write the collector again.'
$Written = 'Evidence written to {0}'
$Hosts = @(
	@{ Name = 'srv'; Ports = @(443, 10443, 1433, 1434, 17000, 8443); Tests = @() },
	@{ Name = 'ah2'; Ports = @(443, 17000, 8443); Tests = @(
		@{ Target = '10.0.0.1'; Host = 'srv'; Port = 443; Flow = 'backend-in'; Expect = 'open' }
	) },
	@{ Name = 'con'; Ports = @(443, 8443); Tests = @(
		@{ Target = '10.0.0.1'; Host = 'srv'; Port = 443; Flow = 'backend-in'; Expect = 'open' }
	) }
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

# Which host this is: the one named, or the entry of this computer's name.
$me = $env:COMPUTERNAME
$entry = $null
if ($Hosts.Count -eq 1) {
	$entry = $Hosts[0]
} else {
	foreach ($h in $Hosts) {
		if ($h.Name -ieq $me -or $h.Name -like ($me + '.*')) { $entry = $h; break }
	}
}
if ($null -eq $entry) { throw ($NotDeclared -f $me) }

# The SES Evolution components: uninstall entries of Stormshield, 64- and 32-bit views.
$components = @()
foreach ($view in @(@{ Bits = 64; Path = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*' },
		@{ Bits = 32; Path = 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*' })) {
	foreach ($item in @(Get-ItemProperty -Path $view.Path -ErrorAction SilentlyContinue)) {
		$publisher = $item.PSObject.Properties['Publisher']
		$name = $item.PSObject.Properties['DisplayName']
		if ($null -eq $publisher -or $null -eq $name -or [string]$publisher.Value -notlike '*Stormshield*') { continue }
		$version = $item.PSObject.Properties['DisplayVersion']
		$components += [ordered]@{ name = [string]$name.Value; version = $(if ($null -ne $version) { [string]$version.Value } else { $null }); view = $view.Bits }
	}
}

# The .NET runtimes: dotnet --list-runtimes, else the registry's shared frameworks.
$runtimes = @()
$runtimesFrom = 'none'
$dotnet = Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if ($null -ne $dotnet) {
	foreach ($line in @(& $dotnet.Source --list-runtimes 2>$null)) {
		if ([string]$line -match '^(\S+) (\S+) \[(.*)\]$') {
			$runtimes += [ordered]@{ name = $Matches[1]; version = $Matches[2]; path = $Matches[3] }
		}
	}
	if ($runtimes.Count -gt 0) { $runtimesFrom = 'dotnet' }
}
if ($runtimes.Count -eq 0) {
	foreach ($fx in @('Microsoft.AspNetCore.App', 'Microsoft.WindowsDesktop.App', 'Microsoft.NETCore.App')) {
		$key = 'HKLM:\SOFTWARE\dotnet\Setup\InstalledVersions\x64\sharedfx\' + $fx
		if (Test-Path -Path $key) {
			foreach ($v in @((Get-Item -Path $key).GetValueNames())) {
				$runtimes += [ordered]@{ name = $fx; version = [string]$v; path = $null }
			}
		}
	}
	if ($runtimes.Count -gt 0) { $runtimesFrom = 'registry' }
}

# The firewall rules on the migration's ports, inbound or outbound.
function Test-SesPort($value) {
	foreach ($v in @($value)) {
		$n = 0
		if ([int]::TryParse([string]$v, [ref]$n) -and $entry.Ports -contains $n) { return $true }
		if ([string]$v -match '^(\d+)-(\d+)$') {
			foreach ($port in $entry.Ports) { if ($port -ge [int]$Matches[1] -and $port -le [int]$Matches[2]) { return $true } }
		}
	}
	return $false
}
$rules = @()
foreach ($filter in @(Get-NetFirewallPortFilter -ErrorAction SilentlyContinue)) {
	if (-not ((Test-SesPort $filter.LocalPort) -or (Test-SesPort $filter.RemotePort))) { continue }
	$rule = $filter | Get-NetFirewallRule -ErrorAction SilentlyContinue
	if ($null -eq $rule) { continue }
	$rules += [ordered]@{
		name = [string]$rule.Name; display_name = [string]$rule.DisplayName; group = [string]$rule.Group
		direction = [string]$rule.Direction; action = [string]$rule.Action; enabled = ([string]$rule.Enabled -eq 'True')
		protocol = [string]$filter.Protocol; local_ports = @($filter.LocalPort | ForEach-Object { [string]$_ })
		remote_ports = @($filter.RemotePort | ForEach-Object { [string]$_ })
	}
}

# The connections this host must make in the current phase, and their result.
$tests = @()
foreach ($t in $entry.Tests) {
	$r = Test-NetConnection -ComputerName $t.Target -Port $t.Port -WarningAction SilentlyContinue
	$tests += [ordered]@{ host = $t.Host; address = $t.Target; port = $t.Port; flow = $t.Flow; expect = $t.Expect; succeeded = [bool]$r.TcpTestSucceeded }
}

$now = Get-Date
$doc = [ordered]@{
	schema = $SchemaVersion; script_version = $ScriptVersion; migration = $Migration
	host = $entry.Name; computer_name = $me
	collected_at = $now.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
	local_time = $now.ToString('o', [Globalization.CultureInfo]::InvariantCulture)
	components = @($components); runtimes = @($runtimes); runtimes_from = $runtimesFrom
	firewall_rules = @($rules); connection_tests = @($tests)
}
$file = Join-Path -Path (Get-Location).Path -ChildPath ('ses-evidence-' + $entry.Name + '-' + $now.ToUniversalTime().ToString('yyyyMMddTHHmmssZ', [Globalization.CultureInfo]::InvariantCulture) + '.json')
$doc | ConvertTo-Json -Depth 6 | Out-File -FilePath $file -Encoding utf8
Write-Output ($Written -f $file)
