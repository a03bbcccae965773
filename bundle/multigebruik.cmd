@echo off
rem multigebruik for Windows: runs the Node.js in node\ with the program in app\.
rem All arguments are passed on unchanged. Exit code: 0 ok, 1 bad input, 2 internal fault (any other
rem code from Node.js, e.g. a crash, is reported as 2).
rem Keep this file ASCII (cmd.exe reads it in the console code page). Exit codes are tested with
rem "if errorlevel", which works on Windows and under Wine alike.
setlocal
"%~dp0node\node.exe" "%~dp0app\multigebruik.js" %*
if errorlevel 2 exit /b 2
if errorlevel 1 exit /b 1
if not errorlevel 0 exit /b 2
exit /b 0
