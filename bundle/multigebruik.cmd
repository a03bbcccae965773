@echo off
rem multigebruik {{VERSION}} for Windows: runs the Node.js in node\ with the program in app\.
rem All arguments are passed on unchanged. Exit code: 0 ok, 1 bad input (also: this Windows is too old),
rem 2 internal fault (any other code from Node.js, e.g. a crash, is reported as 2).
rem Keep this file ASCII (cmd.exe reads it in the console code page). Exit codes are tested with
rem "if errorlevel", which works on Windows and under Wine alike. No ( ) blocks around lines that expand
rem %~dp0: a folder name with a bracket or ampersand would break them.
setlocal DisableDelayedExpansion

rem Node.js {{NODE}} needs Windows 10 or Windows Server 2016 (version 10.0) or later, 64-bit. Say so in Dutch and
rem English before Node.js refuses with its own English message. "ver" prints "Microsoft Windows [Version 10.0.19045.3803]"
rem (localised: "[versie ...]"), under Wine "Microsoft Windows 10.0.18362": the version is the last word.
set "MG_VERLINE="
for /f "delims=" %%a in ('ver') do set "MG_VERLINE=%%a"
set "MG_NT="
if defined MG_VERLINE set "MG_VERLINE=%MG_VERLINE:]=%"
if defined MG_VERLINE for %%t in (%MG_VERLINE:[= %) do set "MG_NT=%%t"
set "MG_MAJOR="
if defined MG_NT for /f "tokens=1 delims=." %%a in ("%MG_NT%") do set "MG_MAJOR=%%a"
if not defined MG_MAJOR goto :version_ok
set /a "MG_MAJOR_NUM=MG_MAJOR" 2>nul
if not "%MG_MAJOR_NUM%"=="%MG_MAJOR%" goto :version_ok
if %MG_MAJOR_NUM% GEQ 10 goto :version_ok
echo multigebruik heeft Windows 10 of Windows Server 2016 of nieuwer nodig (64-bits); deze computer heeft Windows-versie %MG_NT%. Node.js {{NODE}} start daar niet. 1>&2
echo multigebruik needs Windows 10 or Windows Server 2016 or later (64-bit); this computer has Windows version %MG_NT%. Node.js {{NODE}} does not start there. 1>&2
exit /b 1
:version_ok
if /i "%PROCESSOR_ARCHITECTURE%"=="x86" if not defined PROCESSOR_ARCHITEW6432 goto :not64
goto :arch_ok
:not64
echo multigebruik heeft een 64-bits Windows nodig; deze Windows is 32-bits. 1>&2
echo multigebruik needs 64-bit Windows; this Windows is 32-bit. 1>&2
exit /b 1
:arch_ok

rem No arguments (as when the file is double-clicked in Explorer): explain, in Dutch, how to use it from a command
rem prompt; when Explorer started it (cmd /c, no console of its own), wait for a key so the window stays open.
if not "%~1"=="" goto :run
set "MG_HERE=%~dp0"
set "MG_HERE=%MG_HERE:~0,-1%"
echo multigebruik {{VERSION}}: tabellen over multigebruik van voorzieningen uit CBS-microdata, met afscherming.
echo.
echo Dit is een programma voor de opdrachtprompt (dubbelklikken start het niet). Zo gebruikt u het:
echo.
echo   1. Open een opdrachtprompt: klik op Start, typ cmd en druk op Enter.
echo   2. Ga naar deze map:
echo        cd /d "%MG_HERE%"
echo   3. Typ een opdracht, bijvoorbeeld:
echo        multigebruik.cmd demo
echo        multigebruik.cmd run --input "H:\Mijn project\invoer" --out "H:\Mijn project\uitvoer"
echo        multigebruik.cmd --help
echo.
echo Zet een pad met spaties tussen dubbele aanhalingstekens, zoals hierboven.
echo Meer uitleg staat in LEESMIJ.txt in deze map. Nodig: Windows 10 of Windows Server 2016 of nieuwer.
echo.
echo (English: a command-line program. Open a command prompt in this folder and type multigebruik.cmd --help;
echo  README.txt explains. Needs Windows 10 or Windows Server 2016 or later.)
echo.
set "MG_CLICKED="
setlocal EnableDelayedExpansion
if /i not "!CMDCMDLINE:/c=!"=="!CMDCMDLINE!" set "MG_CLICKED=1"
endlocal & set "MG_CLICKED=%MG_CLICKED%"
if defined MG_CLICKED pause
exit /b 1

:run
"%~dp0node\node.exe" "%~dp0app\multigebruik.js" %*
if errorlevel 2 exit /b 2
if errorlevel 1 exit /b 1
if not errorlevel 0 exit /b 2
exit /b 0
