; Inno Setup 6 script for ptlog: installs the PyInstaller onedir bundle (dist\ptlog) per user
; or for all users, with a Start-menu entry and an uninstaller.
;
;   python -m PyInstaller --noconfirm --clean packaging\pyinstaller\ptlog.spec
;   iscc packaging\windows\ptlog.iss            -> dist\ptlog-0.1.0-setup.exe
;
; Patient data is NOT in the install folder: it lives in %LOCALAPPDATA%\ptlog (database, backups)
; and in the registry under HKCU\Software\ptlog (window state, chosen clinic server). The
; uninstaller removes only what this installer put down, so a reinstall or upgrade finds every
; patient again. Clinics remove the data folder by hand, after a backup, when they mean to.

#define AppName "ptlog"
#define AppVersion "0.1.0"
#define AppPublisher "The ptlog developers"
#define AppURL "https://github.com/ptlog/ptlog"
#define BundleDir "..\..\dist\ptlog"

[Setup]
; a fixed AppId keeps upgrades in place; never change it
AppId={{6F2B3E0C-5D4A-4F7B-9C1E-70746C6F6701}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}/issues
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-user install without administrator rights by default; IT may choose all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=ptlog.ico
UninstallDisplayIcon={app}\ptlog-gui.exe
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist
OutputBaseFilename=ptlog-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; close a running ptlog before files are replaced (it holds the SQLite file open)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the ptlog command to your PATH (for scripts)"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade must not leave modules of the previous version next to the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\ptlog-gui.exe"; WorkingDir: "{userdocs}"; Comment: "Goniometer logbook"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ptlog-gui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\ptlog-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only files the program itself may have written into its install folder; never {localappdata}\ptlog
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('ptlog was removed. Your patient database and backups were kept in ' +
           ExpandConstant('{localappdata}\ptlog') + '.', mbInformation, MB_OK);
end;
