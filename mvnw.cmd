@echo off
rem Waku Chat's Maven wrapper for Windows, the twin of ./mvnw: finds a JDK 25 (JAVA_HOME, then the
rem usual install folders), fetches the pinned Maven from Maven Central on first use, and runs it.
setlocal
set "BASE_DIR=%~dp0"
if "%BASE_DIR:~-1%"=="\" set "BASE_DIR=%BASE_DIR:~0,-1%"
set "REQUIRED=25"
set "FOUND="

if defined JAVA_HOME call :check_jdk "%JAVA_HOME%"
if defined FOUND goto have_jdk
for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-%REQUIRED%*" "%ProgramFiles%\Java\jdk-%REQUIRED%*" ^
               "%ProgramFiles%\Microsoft\jdk-%REQUIRED%*" "%ProgramFiles%\Zulu\zulu-%REQUIRED%*" ^
               "%ProgramFiles%\Amazon Corretto\jdk%REQUIRED%*" "%USERPROFILE%\.jdks\*%REQUIRED%*") do (
  if not defined FOUND call :check_jdk "%%~fD"
)
if defined FOUND goto have_jdk
for /f "delims=" %%J in ('where javac 2^>nul') do (
  if not defined FOUND call :check_jdk "%%~dpJ.."
)
if defined FOUND goto have_jdk
echo Waku Chat needs JDK %REQUIRED%: none found in JAVA_HOME or %ProgramFiles%\{Eclipse Adoptium,Java,Microsoft,Zulu,Amazon Corretto}, %USERPROFILE%\.jdks, PATH (install Temurin %REQUIRED% or set JAVA_HOME). 1>&2
exit /b 1

:have_jdk
set "JAVA_HOME=%FOUND%"

set "URL="
for /f "usebackq tokens=1,* delims==" %%A in ("%BASE_DIR%\.mvn\wrapper\maven-wrapper.properties") do (
  if "%%A"=="distributionUrl" set "URL=%%B"
)
if not defined URL (
  echo No distributionUrl in .mvn\wrapper\maven-wrapper.properties 1>&2
  exit /b 1
)
rem The archive's name is the URL's last part; the folder inside is that name less "-bin.tar.gz".
for %%P in ("%URL:/=" "%") do set "ARCHIVE=%%~P"
set "NAME=%ARCHIVE:-bin.tar.gz=%"
if not defined MAVEN_USER_HOME set "MAVEN_USER_HOME=%USERPROFILE%\.m2"
set "DISTS=%MAVEN_USER_HOME%\wrapper\dists"
set "MAVEN_HOME=%DISTS%\%NAME%"
if exist "%MAVEN_HOME%\bin\mvn.cmd" goto run

echo Downloading %NAME% from Maven Central... 1>&2
set "UNPACK=%DISTS%\.unpack-%RANDOM%%RANDOM%"
mkdir "%UNPACK%" || exit /b 1
powershell -NoProfile -ExecutionPolicy Bypass -Command "$ProgressPreference='SilentlyContinue'; Invoke-WebRequest -UseBasicParsing -Uri '%URL%' -OutFile '%UNPACK%\maven.tar.gz'"
if errorlevel 1 goto download_failed
rem tar.exe ships with Windows 10 1803 and later.
tar -xzf "%UNPACK%\maven.tar.gz" -C "%UNPACK%"
if errorlevel 1 goto download_failed
if exist "%MAVEN_HOME%" rmdir /s /q "%MAVEN_HOME%"
move "%UNPACK%\%NAME%" "%MAVEN_HOME%" >nul
if errorlevel 1 goto download_failed
rmdir /s /q "%UNPACK%"

:run
call "%MAVEN_HOME%\bin\mvn.cmd" -f "%BASE_DIR%\pom.xml" %*
exit /b %ERRORLEVEL%

:download_failed
echo Could not download and unpack %URL% 1>&2
rmdir /s /q "%UNPACK%" 2>nul
exit /b 1

rem Sets FOUND to %1 when it is a JDK (has javac) whose java.specification.version is REQUIRED.
:check_jdk
if not exist "%~1\bin\javac.exe" exit /b 0
set "SPEC=none"
for /f "usebackq tokens=2 delims==" %%V in (`""%~1\bin\java.exe" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version""`) do set "SPEC=%%V"
set "SPEC=%SPEC: =%"
for /f "tokens=1 delims=." %%M in ("%SPEC%") do set "SPEC=%%M"
if "%SPEC%"=="%REQUIRED%" set "FOUND=%~f1"
exit /b 0
