@echo off
rem Double-click to install sbt-xl for this user (no administrator rights needed).
rem Pass options through, e.g.:  install.bat -DryRun   or   install.bat -Uninstall
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
if errorlevel 1 (
    echo.
    echo sbt-xl: the installation failed; see the messages above.
)
pause
