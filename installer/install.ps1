<#
.SYNOPSIS
  Installs (or with -Uninstall removes) sbt-xl and its Excel add-in for the current user.

.DESCRIPTION
  No administrator rights are needed. Steps, each printed as it runs (-DryRun prints them
  and changes nothing):
    1. find Python 3.11+ (the "py" launcher, else python.exe on PATH)
    2. create a virtual environment in %LOCALAPPDATA%\sbt-xl\venv
    3. pip install sbt-xl (from -Wheel, or from the package index)
    4. xlwings addin install  (the xlwings add-in; skipped with -NoXlwingsAddin)
    5. sbt-xl addin install   (builds sbt_xl.xlam and sbt_xl.consolidate.xlam, the Validate
                               and Consolidate buttons, from the xlwings in this environment,
                               writes this environment's pythonw.exe into its configuration
                               and copies it to Excel's XLSTART folder)
    6. set SBT_XL_LANG (-Lang ja|en: messages and formula help) for this user
    7. import the SBT_* formulas into the add-in: only with -ImportFormulas (your consent);
       it turns on "Trust access to the VBA project object model" for the run and restores
       the previous setting afterwards. Without it, the script prints the one step to do.
  -Uninstall reverses 6, 5, 4 and 2 (and 7 with them: the formulas live in the add-in).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -Wheel .\sbt_xl-0.2.0-py3-none-any.whl
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -DryRun
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -Uninstall
#>
[CmdletBinding()]
param(
    [string]$Wheel = "",
    [string]$Venv = (Join-Path $env:LOCALAPPDATA "sbt-xl\venv"),
    [string]$Lang = "ja",
    [switch]$ImportFormulas,
    [switch]$NoXlwingsAddin,
    [switch]$Uninstall,
    [switch]$DryRun
)
$ErrorActionPreference = "Stop"

$Python = Join-Path $Venv "Scripts\python.exe"
$SbtXl = Join-Path $Venv "Scripts\sbt-xl.exe"
$Xlwings = Join-Path $Venv "Scripts\xlwings.exe"
$XlStart = Join-Path $env:APPDATA "Microsoft\Excel\XLSTART"
$AddIn = Join-Path $XlStart "sbt_xl.xlam"

function Step([string]$What, [scriptblock]$Action) {
    # Print the step; run it unless this is a dry run.
    if ($DryRun) { Write-Host "[dry-run] $What"; return }
    Write-Host "==> $What"
    & $Action
    if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $What" }
}

function Find-Python {
    foreach ($candidate in @(@("py", "-3"), @("python"))) {
        $exe = Get-Command $candidate[0] -ErrorAction SilentlyContinue
        if ($exe) {
            $extra = @($candidate | Select-Object -Skip 1)
            $ok = & $exe.Source @extra -c "import sys; print(sys.version_info >= (3, 11))" 2>$null
            if ($ok -eq "True") { return @($exe.Source) + $extra }
        }
    }
    throw "Python 3.11 or newer was not found. Install it from python.org (per user), then run this again."
}

function Get-VbomKey {
    # Excel 2016, 2019, 2021 and Microsoft 365 all use 16.0.
    "HKCU:\Software\Microsoft\Office\16.0\Excel\Security"
}

function Import-Formulas {
    # Registers the SBT_* formulas in sbt_xl.xlam by running xlwings' own VBA macro
    # ImportPythonUDFsToAddin; needs trusted access to the VBA project object model.
    $key = Get-VbomKey
    $before = (Get-ItemProperty -Path $key -Name AccessVBOM -ErrorAction SilentlyContinue).AccessVBOM
    try {
        New-Item -Path $key -Force | Out-Null
        Set-ItemProperty -Path $key -Name AccessVBOM -Value 1 -Type DWord
        $excel = New-Object -ComObject Excel.Application
        try {
            $book = $excel.Workbooks.Open($AddIn)
            $excel.Run("'sbt_xl.xlam'!ImportPythonUDFsToAddin")
            $book.Save()
        } finally {
            $excel.Quit()
            [System.Runtime.InteropServices.Marshal]::ReleaseComObject($excel) | Out-Null
        }
    } finally {
        if ($null -eq $before) { Remove-ItemProperty -Path $key -Name AccessVBOM -ErrorAction SilentlyContinue }
        else { Set-ItemProperty -Path $key -Name AccessVBOM -Value $before -Type DWord }
        Write-Host "    Trust access to the VBA project object model: restored"
    }
}

if ($Uninstall) {
    Step "sbt-xl addin uninstall (removes $AddIn)" { & $SbtXl addin uninstall --lang $Lang }
    if (-not $NoXlwingsAddin) {
        Step "xlwings addin remove" { & $Xlwings addin remove }
    }
    Step "remove the virtual environment $Venv" { Remove-Item -Recurse -Force $Venv }
    Step "remove SBT_XL_LANG for this user" {
        [Environment]::SetEnvironmentVariable("SBT_XL_LANG", $null, "User")
    }
    Write-Host "sbt-xl is uninstalled."
    exit 0
}

$py = if ($DryRun) { @("python") } else { Find-Python }
Step "create the virtual environment $Venv" { & $py[0] @($py | Select-Object -Skip 1) -m venv $Venv }
$source = if ($Wheel) { $Wheel } else { "sbt-xl" }
Step "pip install $source" { & $Python -m pip install --upgrade $source }
if (-not $NoXlwingsAddin) {
    Step "xlwings addin install" { & $Xlwings addin install }
}
Step "sbt-xl addin install (sbt_xl.xlam, sbt_xl.consolidate.xlam into $XlStart, interpreter $Venv\Scripts\pythonw.exe)" {
    & $SbtXl addin install --lang $Lang
}
Step "set SBT_XL_LANG=$Lang for this user (language of messages and formula help)" {
    [Environment]::SetEnvironmentVariable("SBT_XL_LANG", $Lang, "User")
}
if ($ImportFormulas) {
    Step "import the SBT_* formulas into sbt_xl.xlam (VBA access trusted for this step only)" {
        Import-Formulas
    }
} else {
    Write-Host ""
    Write-Host "One step is left to make the SBT_* formulas appear (see README, 'Formulas'):"
    Write-Host "  Excel > Alt+F11 > Ctrl+G, type:  Application.Run ""'sbt_xl.xlam'!ImportPythonUDFsToAddin""  and press Enter."
    Write-Host "  (or run this script again with -ImportFormulas to let it do that for you)"
}
Write-Host ""
Write-Host "Done. Restart Excel: the SBT tab has the Validate button."
