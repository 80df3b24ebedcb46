<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AmendDialog</name>
    <message>
        <source>{motion}, {side}, {mode}, {position} — {degrees}° on {date}</source>
        <translation>{motion}, {side}, {mode}, {position} — {degrees}° am {date}</translation>
    </message>
    <message>
        <source>Void reading</source>
        <translation>Messwert ungültig machen</translation>
    </message>
    <message>
        <source>Amend reading</source>
        <translation>Messwert korrigieren</translation>
    </message>
    <message>
        <source>degrees, e.g. 32</source>
        <translation>Grad, z. B. 32</translation>
    </message>
    <message>
        <source>why it is void, e.g. entered for the wrong patient</source>
        <translation>warum ungültig, z. B. beim falschen Patienten eingetragen</translation>
    </message>
    <message>
        <source>why it changes, e.g. misread the scale</source>
        <translation>warum geändert, z. B. Skala falsch abgelesen</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Messwert</translation>
    </message>
    <message>
        <source>New value *</source>
        <translation>Neuer Wert *</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Grund *</translation>
    </message>
    <message>
        <source>The original value stays on record and in the audit trail.</source>
        <translation>Der ursprüngliche Wert bleibt gespeichert und im Prüfprotokoll.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Ungültig machen</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Korrigieren</translation>
    </message>
    <message>
        <source>Enter the corrected value in degrees.</source>
        <translation>Geben Sie den korrigierten Wert in Grad ein.</translation>
    </message>
    <message>
        <source>That is the recorded value ({value}°).</source>
        <translation>Das ist der erfasste Wert ({value}°).</translation>
    </message>
    <message>
        <source>A reason is required: it is kept with the record.</source>
        <translation>Ein Grund ist erforderlich: Er wird mit dem Eintrag gespeichert.</translation>
    </message>
    <message>
        <source>Saving the correction…</source>
        <translation>Korrektur wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>AuditEventModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Therapeut/in</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>create</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>update</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>amend</source>
        <translation>korrigiert</translation>
    </message>
    <message>
        <source>void</source>
        <translation>ungültig gemacht</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>seal</source>
        <translation>Schlüsselwechsel</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>Messwert</translation>
    </message>
    <message>
        <source>treatment</source>
        <translation>Behandlung</translation>
    </message>
    <message>
        <source>goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>clinician</source>
        <translation>Therapeut/in</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>Prüfkette</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Audit trail</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>all patients</source>
        <translation>alle Patienten</translation>
    </message>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtern</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>No patient with chart number {chart}.</source>
        <translation>Kein Patient mit der Aktennummer {chart}.</translation>
    </message>
    <message>
        <source>The “From” date is after the “To” date.</source>
        <translation>Das „Von“-Datum liegt nach dem „Bis“-Datum.</translation>
    </message>
    <message>
        <source>Events: {count}</source>
        <translation>Ereignisse: {count}</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Änderungsprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {path}, events: {count}</source>
        <translation>Exportiert nach {path}, Ereignisse: {count}</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase (for a copy that leaves the clinic)</source>
        <translation>Mit einer Passphrase verschlüsseln (für eine Kopie, die die Praxis verlässt)</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Backups are kept in {folder} (12 daily, 10 weekly, 9 monthly).</source>
        <translation>Sicherungen liegen in {folder} (12 tägliche, 10 wöchentliche, 9 monatliche).</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>Noch keine Sicherungen.</translation>
    </message>
    <message>
        <source>{taken}, {size} KB</source>
        <translation>{taken}, {size} KB</translation>
    </message>
    <message>
        <source>kept before a restore</source>
        <translation>vor einer Wiederherstellung aufbewahrt</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>Encrypted backup</source>
        <translation>Verschlüsselte Sicherung</translation>
    </message>
    <message>
        <source>Passphrase (at least 10 characters; without it the backup is lost):</source>
        <translation>Passphrase (mindestens 10 Zeichen; ohne sie ist die Sicherung verloren):</translation>
    </message>
    <message>
        <source>Not backed up: {problem}.</source>
        <translation>Nicht gesichert: {problem}.</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>Dieselbe Passphrase noch einmal:</translation>
    </message>
    <message>
        <source>Not backed up: the two passphrases differ.</source>
        <translation>Nicht gesichert: Die beiden Passphrasen sind verschieden.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sicherung läuft…</translation>
    </message>
    <message>
        <source>Backed up and verified: {file}</source>
        <translation>Gesichert und geprüft: {file}</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>Die Sicherung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Backup&apos;s audit trail is broken</source>
        <translation>Das Prüfprotokoll der Sicherung ist beschädigt</translation>
    </message>
    <message>
        <source>{why}

Restore it anyway? The audit trail will record that you accepted a backup whose trail fails verification.</source>
        <translation>{why}

Trotzdem wiederherstellen? Das Änderungsprotokoll hält fest, dass Sie eine Sicherung angenommen haben, deren Protokoll die Prüfung nicht besteht.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>ptlog backups (*.db *.dump);;All files (*)</source>
        <translation>ptlog-Sicherungen (*.db *.dump);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the database with the backup {file}?

The current database is kept as a copy in the backup folder, so this can be undone.</source>
        <translation>Die Datenbank durch die Sicherung {file} ersetzen?

Die aktuelle Datenbank bleibt als Kopie im Sicherungsordner, das lässt sich also rückgängig machen.</translation>
    </message>
    <message>
        <source>Passphrase of {file}:</source>
        <translation>Passphrase von {file}:</translation>
    </message>
    <message>
        <source>Checking the backup {file}…</source>
        <translation>Die Sicherung {file} wird geprüft…</translation>
    </message>
    <message>
        <source>The restore failed; nothing was changed.</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Restored from {file}.</source>
        <translation>Wiederhergestellt aus {file}.</translation>
    </message>
    <message>
        <source>Restored from {file}. The previous database was kept as {copy}.</source>
        <translation>Wiederhergestellt aus {file}. Die bisherige Datenbank wurde als {copy} aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>No problems found</source>
        <translation>Keine Probleme gefunden</translation>
    </message>
    <message>
        <source>Check database</source>
        <translation>Datenbank prüfen</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Checks the file&apos;s integrity, that the audit trail is unbroken, and that every record still says what was recorded.</source>
        <translation>Prüft die Integrität der Datei, dass das Prüfprotokoll lückenlos ist und jeder Eintrag noch das enthält, was erfasst wurde.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Problems found: {count}. Restore a backup made before the change, or ask your administrator.</source>
        <translation>Gefundene Probleme: {count}. Stellen Sie eine Sicherung von vor der Änderung wieder her oder fragen Sie Ihre Administration.</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>Hinweis: {note}</translation>
    </message>
    <message>
        <source>The check itself failed ({error}).</source>
        <translation>Die Prüfung selbst ist fehlgeschlagen ({error}).</translation>
    </message>
</context>
<context>
    <name>ClinicComparisonDialog</name>
    <message>
        <source>Clinic outcomes by treatment</source>
        <translation>Ergebnisse der Praxis nach Behandlung</translation>
    </message>
</context>
<context>
    <name>CohortTableModel</name>
    <message>
        <source>Treatment</source>
        <translation>Behandlung</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Patienten</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Responder rate</source>
        <translation>Responderrate</translation>
    </message>
    <message>
        <source>Judged window</source>
        <translation>Beurteiltes Zeitfenster</translation>
    </message>
    <message>
        <source>Rate in judged window</source>
        <translation>Rate im beurteilten Zeitfenster</translation>
    </message>
    <message>
        <source>Expected success</source>
        <translation>Erwarteter Erfolg</translation>
    </message>
    <message>
        <source>Mean change °</source>
        <translation>Mittlere Änderung °</translation>
    </message>
    <message>
        <source>95% CI °</source>
        <translation>95-%-KI °</translation>
    </message>
    <message>
        <source>Median days to latest</source>
        <translation>Median Tage bis zur letzten</translation>
    </message>
    <message>
        <source>Cost per responder ({currency})</source>
        <translation>Kosten pro Responder ({currency})</translation>
    </message>
    <message>
        <source>Gains faded</source>
        <translation>Gewinne abgeklungen</translation>
    </message>
    <message>
        <source>Expected recovery</source>
        <translation>Erwartete Erholung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Compare:</source>
        <translation>Vergleichen:</translation>
    </message>
    <message>
        <source>This patient</source>
        <translation>Diese/r Patient/in</translation>
    </message>
    <message>
        <source>Any position</source>
        <translation>Jede Position</translation>
    </message>
    <message>
        <source>Count follow-ups after a later treatment</source>
        <translation>Kontrollen nach einer späteren Behandlung mitzählen</translation>
    </message>
    <message>
        <source>A follow-up taken after another treatment of the same side began is confounded: its change is not this treatment&apos;s alone. Left out of the window rates unless ticked.</source>
        <translation>Eine Kontrolle nach Beginn einer anderen Behandlung derselben Seite ist verfälscht: Ihre Änderung geht nicht allein auf diese Behandlung zurück. Sie zählt nur mit, wenn angehakt.</translation>
    </message>
    <message>
        <source>responders (%)</source>
        <translation>Responder (%)</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>Begonnen ab</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Praxis</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the table on this tab as CSV text</source>
        <translation>Die Tabelle dieses Reiters als CSV-Text kopieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Responder: the latest follow-up gains at least the motion&apos;s MDC on the treated side. Readings of different position or mode are never compared.</source>
        <translation>Responder: Die letzte Kontrolle gewinnt mindestens den MDC der Bewegung auf der behandelten Seite. Messwerte verschiedener Position oder Bewegungsart werden nie verglichen.</translation>
    </message>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>{motion} {side} ({position}, {mode}) — {treatment}: {verdict}</source>
        <translation>{motion} {side} ({position}, {mode}) — {treatment}: {verdict}</translation>
    </message>
    <message>
        <source>during</source>
        <translation>während</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>No patient open.</source>
        <translation>Kein Patient geöffnet.</translation>
    </message>
    <message>
        <source>days after the treatment ended</source>
        <translation>Tage nach Behandlungsende</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>No treatments recorded for this patient.</source>
        <translation>Für diesen Patienten sind keine Behandlungen erfasst.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln before/after comparison(s).</source>
        <translation>
            <numerusform>%Ln Vorher-nachher-Vergleich.</numerusform>
            <numerusform>%Ln Vorher-nachher-Vergleiche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{compared} %Ln series without a reading in the 60 days before the start (no baseline).</source>
        <translation>
            <numerusform>{compared} %Ln Messreihe ohne Messwert in den 60 Tagen vor Beginn (kein Ausgangswert).</numerusform>
            <numerusform>{compared} %Ln Messreihen ohne Messwert in den 60 Tagen vor Beginn (kein Ausgangswert).</numerusform>
        </translation>
    </message>
    <message>
        <source>{treatment} {date} — {motion} {side}, {position} {mode}</source>
        <translation>{treatment} {date} — {motion} {side}, {position} {mode}</translation>
    </message>
    <message>
        <source>No before/after comparison to show</source>
        <translation>Kein Vorher-nachher-Vergleich vorhanden</translation>
    </message>
    <message>
        <source>Analysing the clinic&apos;s treatments…</source>
        <translation>Behandlungen der Praxis werden ausgewertet…</translation>
    </message>
    <message>
        <source>The clinic analysis failed.</source>
        <translation>Die Praxisauswertung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Each patient counts once per kind (latest treatment). Each kind is judged in the window its expectation describes (injections up to 6 weeks, PT 6 weeks to 6 months, arthroscopy over 6 months). Bars: observed responders in that window; whiskers: expected success range (clinic reference values).</source>
        <translation>Jede/r Patient/in zählt einmal pro Art (die jüngste Behandlung). Jede Art wird in dem Zeitfenster beurteilt, das ihre Erwartung beschreibt (Injektionen bis 6 Wochen, Physiotherapie 6 Wochen bis 6 Monate, Arthroskopie über 6 Monate). Balken: beobachtete Responder in diesem Zeitfenster; Fehlerbalken: erwarteter Erfolgsbereich (Referenzwerte der Praxis).</translation>
    </message>
    <message>
        <source>Follow-ups after another treatment of the same side began are counted.</source>
        <translation>Verlaufsmessungen nach Beginn einer anderen Behandlung derselben Seite werden mitgezählt.</translation>
    </message>
    <message>
        <source>Follow-ups after another treatment of the same side began are left out.</source>
        <translation>Verlaufsmessungen nach Beginn einer anderen Behandlung derselben Seite werden ausgelassen.</translation>
    </message>
    <message numerus="yes">
        <source>{motion}: %Ln patient-treatment(s) with a baseline and a follow-up. {explained} {confounded}</source>
        <translation>
            <numerusform>{motion}: %Ln Behandlung mit Ausgangs- und Verlaufsmessung. {explained} {confounded}</numerusform>
            <numerusform>{motion}: %Ln Behandlungen mit Ausgangs- und Verlaufsmessung. {explained} {confounded}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Tabelle als CSV exportieren</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Pick the day from a calendar (Alt+Down)</source>
        <extracomment>the text changed (typed, picked from the calendar or set)</extracomment>
        <translation>Tag im Kalender wählen (Alt+Ab)</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>When the patient was seen (YYYY-MM-DD HH:MM, local time). Change it to document a visit later: it is marked as a late entry.</source>
        <extracomment>lines of flags beside a field; the asymmetry takes one line under the motion&apos;s name. Rows keep one height, so the fields never move while a value is typed or cleared. the focused field&apos;s motion, side and typed text changed (drives the dial and plots) the visit was saved: its ``SaveResult`` (visit and readings stored), for the view to add whether there are unsaved values</extracomment>
        <translation>Wann der Patient gesehen wurde (JJJJ-MM-TT HH:MM, Ortszeit). Ändern, um einen Termin später zu dokumentieren: Er wird als Nachtrag markiert.</translation>
    </message>
    <message>
        <source>Visit note (saved with the readings)</source>
        <translation>Notiz zum Termin (wird mit den Messwerten gespeichert)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Bewegungsart</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Therapeut/in</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Pain (0–10)</source>
        <translation>Schmerz (0–10)</translation>
    </message>
    <message>
        <source>Visit date and time</source>
        <translation>Datum und Uhrzeit des Termins</translation>
    </message>
    <message>
        <source>Motion · Left − Right</source>
        <translation>Bewegung · Links − Rechts</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Rechts</translation>
    </message>
    <message>
        <source>Add motion</source>
        <translation>Bewegung hinzufügen</translation>
    </message>
    <message>
        <source>Save readings</source>
        <translation>Messwerte speichern</translation>
    </message>
    <message>
        <source>Store every value of this visit in one step (Ctrl+S)</source>
        <translation>Alle Werte dieses Termins in einem Schritt speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Hip panel and other motions</source>
        <translation>Hüftpanel und weitere Bewegungen</translation>
    </message>
    <message>
        <source>Percent = {formula}</source>
        <translation>Prozent = {formula}</translation>
    </message>
    <message>
        <source>Visit date: {problem}</source>
        <translation>Termindatum: {problem}</translation>
    </message>
    <message>
        <source>Cannot save: {problem}</source>
        <translation>Speichern nicht möglich: {problem}</translation>
    </message>
    <message>
        <source>Saving the readings…</source>
        <translation>Messwerte werden gespeichert…</translation>
    </message>
    <message>
        <source>Not saved: {error} Your values are still here.</source>
        <translation>Nicht gespeichert: {error} Ihre Werte sind noch da.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %Ln reading(s)</source>
        <translation>
            <numerusform>%Ln Messwert gespeichert</numerusform>
            <numerusform>%Ln Messwerte gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved}; %Ln already recorded</source>
        <translation>
            <numerusform>{saved}; %Ln war schon erfasst</numerusform>
            <numerusform>{saved}; %Ln waren schon erfasst</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExercisePickerDialog</name>
    <message>
        <source>mobility</source>
        <translation>Beweglichkeit</translation>
    </message>
    <message>
        <source>strength</source>
        <translation>Kraft</translation>
    </message>
    <message>
        <source>Handout for {patient}</source>
        <translation>Patienteninfo für {patient}</translation>
    </message>
    <message>
        <source>Internal rotation is limited: the rotation drills and strength work are ticked.</source>
        <translation>Die Innenrotation ist eingeschränkt: Rotationsübungen und Kräftigung sind angehakt.</translation>
    </message>
    <message>
        <source>Rotation is within range: a general maintenance set is ticked.</source>
        <translation>Die Rotation liegt im Normbereich: ein allgemeines Erhaltungsprogramm ist angehakt.</translation>
    </message>
    <message>
        <source>Muscle action: {action}</source>
        <translation>Muskelarbeit: {action}</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Quelle: {source}</translation>
    </message>
    <message>
        <source>&amp;Reset to suggested</source>
        <translation>&amp;Vorschlag wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Next visit:</source>
        <translation>&amp;Nächster Termin:</translation>
    </message>
    <message>
        <source>Create handout</source>
        <translation>Patientenblatt erstellen</translation>
    </message>
</context>
<context>
    <name>FlowsheetModel</name>
    <message>
        <source>below normal</source>
        <translation>unter der Norm</translation>
    </message>
    <message>
        <source>above normal</source>
        <translation>über der Norm</translation>
    </message>
    <message>
        <source>within normal</source>
        <translation>innerhalb der Norm</translation>
    </message>
    <message>
        <source>{mark} taken {how}: not the way of the visit before (values taken differently are not compared)</source>
        <extracomment>beside a value taken in another position or mode than the one before it in its row</extracomment>
        <translation>{mark} gemessen {how}: anders als beim Termin davor (anders gemessene Werte werden nicht verglichen)</translation>
    </message>
    <message>
        <source>also {degrees} {position}, {mode}</source>
        <translation>außerdem {degrees} {position}, {mode}</translation>
    </message>
</context>
<context>
    <name>FlowsheetView</name>
    <message>
        <source>Colours: &lt;span style=&apos;color:{alert}&apos;&gt;below&lt;/span&gt;, &lt;span style=&apos;color:{ok}&apos;&gt;within&lt;/span&gt;, &lt;span style=&apos;color:{warn}&apos;&gt;above&lt;/span&gt; the age norm at the visit. {mark} = taken in another position or mode than the visit before (hover for how).</source>
        <translation>Farben: &lt;span style=&apos;color:{alert}&apos;&gt;unter&lt;/span&gt;, &lt;span style=&apos;color:{ok}&apos;&gt;innerhalb&lt;/span&gt;, &lt;span style=&apos;color:{warn}&apos;&gt;über&lt;/span&gt; der Altersnorm beim Termin. {mark} = in anderer Position oder Bewegungsart als beim Termin davor gemessen (Mauszeiger darauf zeigt, wie).</translation>
    </message>
</context>
<context>
    <name>GoniometerDial</name>
    <message>
        <source>Goniometer</source>
        <translation>Goniometer</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Date / motion</source>
        <translation>Datum / Bewegung</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Degrees</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Bewegungsart</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Therapeut/in</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>voided: {reason}</source>
        <translation>storniert: {reason}</translation>
    </message>
    <message>
        <source>amended: {reason}</source>
        <translation>korrigiert: {reason}</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>superseded by an amendment</source>
        <translation>durch eine Korrektur ersetzt</translation>
    </message>
    <message>
        <source>entered by {user} at {time}</source>
        <translation>erfasst von {user} am {time}</translation>
    </message>
    <message>
        <source>Documented on a later day than the visit (a late entry)</source>
        <translation>An einem späteren Tag als der Termin dokumentiert (Nachtrag)</translation>
    </message>
    <message>
        <source>, pain {pain}/10</source>
        <translation>, Schmerz {pain}/10</translation>
    </message>
    <message>
        <source>late entry</source>
        <translation>Nachtrag</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>(not imported)</source>
        <translation>(nicht importiert)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Patientennummer</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Termindatum</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Therapeut/in</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>Gelenk</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Degrees</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>e.g. 2024-117</source>
        <translation>z. B. 2024-117</translation>
    </message>
    <message>
        <source>Female, Male, Other, Unknown</source>
        <translation>Weiblich, Männlich, Divers, Unbekannt</translation>
    </message>
    <message>
        <source>Seated, Prone, Supine, Standing</source>
        <translation>Sitzend, Bauchlage, Rückenlage, Stehend</translation>
    </message>
    <message>
        <source>Active, Passive</source>
        <translation>Aktiv, Passiv</translation>
    </message>
    <message>
        <source>Universal goniometer</source>
        <translation>Universalgoniometer</translation>
    </message>
    <message>
        <source>Year-month-day (ISO, 2026-06-15)</source>
        <translation>Jahr-Monat-Tag (ISO, 2026-06-15)</translation>
    </message>
    <message>
        <source>Day/month/year (15/06/2026)</source>
        <translation>Tag/Monat/Jahr (15/06/2026)</translation>
    </message>
    <message>
        <source>Month/day/year (06/15/2026)</source>
        <translation>Monat/Tag/Jahr (06/15/2026)</translation>
    </message>
    <message>
        <source>Import readings or treatments</source>
        <translation>Messwerte oder Behandlungen importieren</translation>
    </message>
    <message>
        <source>a .csv or .xlsx file — type its path and press Enter, or Choose…</source>
        <translation>eine .csv- oder .xlsx-Datei – Pfad eingeben und Eingabe drücken, oder Auswählen…</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>When the sheet has no column for it</source>
        <translation>Wenn die Tabelle keine Spalte dafür hat</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Wählen Sie eine Datei.</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Save mapping…</source>
        <translation>Zuordnung &amp;speichern…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Shee&amp;t</source>
        <translation>&amp;Tabellenblatt</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>Datu&amp;msangaben</translation>
    </message>
    <message>
        <source>Columns of the sheet</source>
        <translation>Spalten der Tabelle</translation>
    </message>
    <message>
        <source>&amp;What this column holds</source>
        <translation>&amp;Was diese Spalte enthält</translation>
    </message>
    <message>
        <source>First rows, as the importer reads them</source>
        <translation>Erste Zeilen, wie der Import sie liest</translation>
    </message>
    <message>
        <source>Problems (nothing is written while there are any)</source>
        <translation>Probleme (solange es welche gibt, wird nichts geschrieben)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.xlsm *.txt);;All files (*)</source>
        <translation>Tabellen (*.csv *.xlsx *.xlsm *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} wird gelesen…</translation>
    </message>
    <message>
        <source>the mapping kept from the last import of a sheet with these columns</source>
        <translation>die Zuordnung vom letzten Import einer Tabelle mit diesen Spalten</translation>
    </message>
    <message>
        <source>suggestions from the header: check each column</source>
        <translation>Vorschläge aus der Kopfzeile: jede Spalte prüfen</translation>
    </message>
    <message>
        <source>sheet “{sheet}”</source>
        <translation>Tabellenblatt „{sheet}“</translation>
    </message>
    <message>
        <source>semicolon-separated text</source>
        <translation>durch Semikolon getrennter Text</translation>
    </message>
    <message>
        <source>tab-separated text</source>
        <translation>durch Tabulator getrennter Text</translation>
    </message>
    <message>
        <source>comma-separated text</source>
        <translation>durch Komma getrennter Text</translation>
    </message>
    <message numerus="yes">
        <source>{file}: {what}, %Ln column(s); mapping: {note}.</source>
        <translation>
            <numerusform>{file}: {what}, %Ln Spalte; Zuordnung: {note}.</numerusform>
            <numerusform>{file}: {what}, %Ln Spalten; Zuordnung: {note}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Zuordnung speichern</translation>
    </message>
    <message>
        <source>Mapping (*.json)</source>
        <translation>Zuordnung (*.json)</translation>
    </message>
    <message>
        <source>Mapping saved to {path}: use it with {command}</source>
        <translation>Zuordnung in {path} gespeichert: verwenden mit {command}</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Jede Zeile wird geprüft…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Writing: %Ln row(s) of {total}</source>
        <translation>
            <numerusform>Schreiben: %Ln Zeile von {total}</numerusform>
            <numerusform>Schreiben: %Ln Zeilen von {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking: %Ln row(s) read</source>
        <translation>
            <numerusform>Prüfen: %Ln Zeile gelesen</numerusform>
            <numerusform>Prüfen: %Ln Zeilen gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>Checked, nothing written. The import would bring: {counts}.</source>
        <translation>Geprüft, nichts geschrieben. Der Import brächte: {counts}.</translation>
    </message>
    <message>
        <source>Imported: {counts}.</source>
        <translation>Importiert: {counts}.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… und %Ln weiteres</numerusform>
            <numerusform>… und %Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s): nothing was written. Fix the sheet, or the mapping, and check again.</source>
        <translation>
            <numerusform>%Ln Problem: Nichts wurde geschrieben. Tabelle oder Zuordnung korrigieren und erneut prüfen.</numerusform>
            <numerusform>%Ln Probleme: Nichts wurde geschrieben. Tabelle oder Zuordnung korrigieren und erneut prüfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Abgebrochen: Nichts wurde importiert.</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>Warnung: {warning}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) added</source>
        <translation>
            <numerusform>%Ln Behandlung hinzugefügt</numerusform>
            <numerusform>%Ln Behandlungen hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) already present</source>
        <translation>
            <numerusform>%Ln Behandlung schon vorhanden</numerusform>
            <numerusform>%Ln Behandlungen schon vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) added</source>
        <translation>
            <numerusform>%Ln Messwert hinzugefügt</numerusform>
            <numerusform>%Ln Messwerte hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) already present</source>
        <translation>
            <numerusform>%Ln Messwert schon vorhanden</numerusform>
            <numerusform>%Ln Messwerte schon vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln patient(s)</source>
        <translation>
            <numerusform>%Ln Patient/in</numerusform>
            <numerusform>%Ln Patient/innen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new patient(s)</source>
        <translation>
            <numerusform>%Ln neue/r Patient/in</numerusform>
            <numerusform>%Ln neue Patient/innen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new visit(s)</source>
        <translation>
            <numerusform>%Ln neuer Termin</numerusform>
            <numerusform>%Ln neue Termine</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>ptlog is locked</source>
        <translation>ptlog ist gesperrt</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ptlog — goniometer logbook</source>
        <translation>ptlog — Goniometrie-Protokoll</translation>
    </message>
    <message>
        <source>This database is read-only (its file permissions): you can look, report and back up, not change anything.</source>
        <translation>Diese Datenbank ist schreibgeschützt (Dateirechte): Sie können ansehen, berichten und sichern, aber nichts ändern.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Neuer Patient…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export readings as CSV…</source>
        <translation>Messwerte als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export as &amp;FHIR bundle…</source>
        <translation>Als &amp;FHIR-Bundle exportieren…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sicherungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>Patient &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Patient</translation>
    </message>
    <message>
        <source>&amp;Edit patient…</source>
        <translation>Patient &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Archive / restore</source>
        <translation>&amp;Archivieren / zurückholen</translation>
    </message>
    <message>
        <source>Add &amp;treatment…</source>
        <translation>Be&amp;handlung hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>&amp;Termin</translation>
    </message>
    <message>
        <source>&amp;Save readings</source>
        <translation>Messwerte &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>Be&amp;richt</translation>
    </message>
    <message>
        <source>Progress &amp;report preview…</source>
        <translation>&amp;Verlaufsbericht-Vorschau…</translation>
    </message>
    <message>
        <source>Patient &amp;handout preview…</source>
        <translation>Vorschau &amp;Patientenblatt…</translation>
    </message>
    <message>
        <source>&amp;Print progress report…</source>
        <translation>Verlaufsbericht &amp;drucken…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Clinic outcomes…</source>
        <translation>&amp;Ergebnisse der Praxis…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Prüfprotokoll…</translation>
    </message>
    <message>
        <source>Check &amp;database…</source>
        <translation>&amp;Datenbank prüfen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About ptlog</source>
        <translation>&amp;Über ptlog</translation>
    </message>
    <message>
        <source>open another patient</source>
        <translation>einen anderen Patienten zu öffnen</translation>
    </message>
    <message>
        <source>Unsaved readings</source>
        <translation>Ungespeicherte Messwerte</translation>
    </message>
    <message>
        <source>You have typed readings that are not saved yet. Save them before you {doing}?</source>
        <translation>Sie haben Messwerte eingegeben, die noch nicht gespeichert sind. Vor dem Versuch, {doing}, speichern?</translation>
    </message>
    <message>
        <source>Created {patient}</source>
        <translation>Angelegt: {patient}</translation>
    </message>
    <message>
        <source>Readings saved</source>
        <translation>Messwerte gespeichert</translation>
    </message>
    <message>
        <source>open the backups (a restore replaces the database)</source>
        <translation>die Sicherungen zu öffnen (eine Wiederherstellung ersetzt die Datenbank)</translation>
    </message>
    <message>
        <source>Database restored from the backup</source>
        <translation>Datenbank aus der Sicherung wiederhergestellt</translation>
    </message>
    <message>
        <source>Open a patient first.</source>
        <translation>Öffnen Sie zuerst einen Patienten.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>{name} has no readings yet: there is nothing to report.</source>
        <translation>{name} hat noch keine Messwerte: Es gibt nichts zu berichten.</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Dokument wird erstellt…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Gespeichert: {path}</translation>
    </message>
    <message>
        <source>Saving the report notes…</source>
        <translation>Berichtsnotizen werden gespeichert…</translation>
    </message>
    <message>
        <source>Report notes saved with the visit</source>
        <translation>Berichtsnotizen mit dem Termin gespeichert</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>{kind} files (*.{suffix})</source>
        <translation>{kind}-Dateien (*.{suffix})</translation>
    </message>
    <message>
        <source>Export only {name}?</source>
        <translation>Nur {name} exportieren?</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln observation(s) to {path}</source>
        <translation>
            <numerusform>%Ln Beobachtung nach {path} exportiert</numerusform>
            <numerusform>%Ln Beobachtungen nach {path} exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln reading(s) to {path}</source>
        <translation>
            <numerusform>%Ln Messwert nach {path} exportiert</numerusform>
            <numerusform>%Ln Messwerte nach {path} exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>About ptlog</source>
        <translation>Über ptlog</translation>
    </message>
    <message>
        <source>&lt;p&gt;A goniometer logbook for physical therapists.&lt;/p&gt;&lt;p&gt;Normal ranges: AAOS values (Norkin &amp;amp; White) and the age table of the clinic&apos;s reference; MDC: Gradoz et al. 2018. ptlog keeps records; it does not diagnose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ein Goniometrie-Protokoll für Physiotherapeut/innen.&lt;/p&gt;&lt;p&gt;Normbereiche: AAOS-Werte (Norkin &amp;amp; White) und die Alterstabelle der Praxisreferenz; MDC: Gradoz et al. 2018. ptlog dokumentiert; es stellt keine Diagnosen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome to ptlog</source>
        <translation>Willkommen bei ptlog</translation>
    </message>
    <message>
        <source>This database has no patients yet. Load demo patients to explore ptlog, or create your first patient.</source>
        <translation>Diese Datenbank hat noch keine Patienten. Laden Sie Demo-Patienten, um ptlog kennenzulernen, oder legen Sie Ihren ersten Patienten an.</translation>
    </message>
    <message>
        <source>Load demo patients</source>
        <translation>Demo-Patienten laden</translation>
    </message>
    <message>
        <source>Create first patient</source>
        <translation>Ersten Patienten anlegen</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Gesichert nach {path}</translation>
    </message>
    <message>
        <source>Automatic backup failed: {error}</source>
        <translation>Automatische Sicherung fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Updated with readings saved on another workstation</source>
        <translation>Mit Messwerten von einem anderen Arbeitsplatz aktualisiert</translation>
    </message>
    <message>
        <source>{patient} — ptlog{mode}[*]</source>
        <translation>{patient} — ptlog{mode}[*]</translation>
    </message>
    <message>
        <source>ptlog — goniometer logbook{mode}[*]</source>
        <translation>ptlog — Goniometrie-Protokoll{mode}[*]</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — DEMO</translation>
    </message>
    <message>
        <source> — read-only</source>
        <translation> — schreibgeschützt</translation>
    </message>
    <message>
        <source> — DEMO database</source>
        <translation> — DEMO-Datenbank</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>close ptlog</source>
        <translation>ptlog zu schließen</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <source>beyond MDC</source>
        <translation>über dem MDC</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>{kind} from {date}</source>
        <translation>{kind} ab {date}</translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation>Behandlung</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Bewegungsart</translation>
    </message>
    <message>
        <source>Baseline date</source>
        <translation>Datum Ausgangswert</translation>
    </message>
    <message>
        <source>Baseline °</source>
        <translation>Ausgangswert °</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Datum Kontrolle</translation>
    </message>
    <message>
        <source>Days after</source>
        <translation>Tage danach</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Follow-up °</source>
        <translation>Kontrolle °</translation>
    </message>
    <message>
        <source>Change °</source>
        <translation>Änderung °</translation>
    </message>
    <message>
        <source>MDC °</source>
        <translation>MDC °</translation>
    </message>
    <message>
        <source>Beyond MDC</source>
        <translation>Über MDC</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Confounded by</source>
        <translation>Verfälscht durch</translation>
    </message>
</context>
<context>
    <name>OutputFiles</name>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{name} ist in {folder} schon vorhanden. Ersetzen?</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>Edit patient</source>
        <translation>Patient bearbeiten</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Neuer Patient</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>The clinic&apos;s language</source>
        <translation>Sprache der Praxis</translation>
    </message>
    <message>
        <source>The activities and sports this patient needs: their hip rotation targets are shown. None ticked: walking and a deep squat.</source>
        <translation>Die Aktivitäten und Sportarten, die dieser Patient braucht: Ihre Ziele für die Hüftrotation werden gezeigt. Keine angehakt: Gehen und tiefe Kniebeuge.</translation>
    </message>
    <message>
        <source>Chart number</source>
        <translation>Patientennummer</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Dominant side</source>
        <translation>Dominante Seite</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Sprache des Patientenblatts</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Referring physician</source>
        <translation>Zuweisende/r Ärztin/Arzt</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Activities and sports</source>
        <translation>Aktivitäten und Sport</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Saving the patient…</source>
        <translation>Patient wird gespeichert…</translation>
    </message>
    <message>
        <source>{error} Your changes are still in the form.</source>
        <translation>{error} Ihre Änderungen sind noch im Formular.</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <source>Search chart, name or birth date (Ctrl+F)</source>
        <extracomment>the id of the patient the user opened (Enter or double-click) emitted after each search with the number of matching patients</extracomment>
        <translation>Nummer, Name oder Geburtsdatum suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Archivierte zeigen</translation>
    </message>
    <message>
        <source>more than {count} patients — keep typing to narrow</source>
        <translation>mehr als {count} Patienten – weitertippen zum Eingrenzen</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>Chart</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnose</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Trend of</source>
        <extracomment>The trend plots&apos; module: it brings pyqtgraph (~100 ms of imports here, a third of the start) and the window shows no plot until a patient is opened, so it is imported on a pool thread once the window has painted (``PatientView.paintEvent``), and by ``fetch_patient`` before a patient is shown: the GUI thread never waits for it. readings of this patient were saved (patient id) another patient was opened (patient id, 0 for none) the trend plots&apos; module was loaded after the first paint (``plots_ready``)</extracomment>
        <translation>Verlauf von</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Flowsheet</source>
        <translation>Verlaufsblatt</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>Behandlungen</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No patient open&lt;/h2&gt;Search for a patient on the left, or create one with File → New patient (Ctrl+N).</source>
        <extracomment>after a save the big plot stays on the saved motion until the PT types again</extracomment>
        <translation>&lt;h2&gt;Kein Patient geöffnet&lt;/h2&gt;Suchen Sie links einen Patienten oder legen Sie mit Datei → Neuer Patient (Strg+N) einen an.</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>keine gesetzt</translation>
    </message>
    <message>
        <source>sex {sex}</source>
        <translation>Geschlecht {sex}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:15pt; font-weight:600&apos;&gt;{family}, {given}&lt;/span&gt;{archived} &amp;nbsp; {age} years, {sex} &amp;nbsp;·&amp;nbsp; chart &lt;b&gt;{chart}&lt;/b&gt;&lt;br&gt;Diagnosis: {diagnosis} &amp;nbsp;·&amp;nbsp; Referred by: {physician} &amp;nbsp;·&amp;nbsp; Goals: {goals}</source>
        <translation>&lt;span style=&apos;font-size:15pt; font-weight:600&apos;&gt;{family}, {given}&lt;/span&gt;{archived} &amp;nbsp; {age} Jahre, {sex} &amp;nbsp;·&amp;nbsp; Nr. &lt;b&gt;{chart}&lt;/b&gt;&lt;br&gt;Diagnose: {diagnosis} &amp;nbsp;·&amp;nbsp; Zugewiesen von: {physician} &amp;nbsp;·&amp;nbsp; Ziele: {goals}</translation>
    </message>
</context>
<context>
    <name>ReadingHistoryDialog</name>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recorded (UTC)</source>
        <translation>Erfasst (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>current (amended)</source>
        <translation>aktuell (korrigiert)</translation>
    </message>
    <message>
        <source>original, superseded</source>
        <translation>Original, ersetzt</translation>
    </message>
    <message>
        <source>amendment, superseded</source>
        <translation>Korrektur, ersetzt</translation>
    </message>
    <message>
        <source>Reading history</source>
        <translation>Verlauf des Messwerts</translation>
    </message>
</context>
<context>
    <name>ReportNotesDialog</name>
    <message>
        <source>Progress report — clinician&apos;s notes</source>
        <translation>Verlaufsbericht — Notizen der Therapeutin / des Therapeuten</translation>
    </message>
    <message>
        <source>Printed in the report and saved as the note of the visit on {when} ({kind}). Ctrl+Enter builds the report.</source>
        <translation>Wird im Bericht gedruckt und als Notiz zum Termin am {when} ({kind}) gespeichert. Strg+Eingabe erstellt den Bericht.</translation>
    </message>
    <message>
        <source>Include the flowsheet (every visit&apos;s values as a table)</source>
        <translation>Verlaufsblatt beifügen (die Werte jedes Termins als Tabelle)</translation>
    </message>
    <message>
        <source>Save notes and preview</source>
        <translation>Notizen speichern und Vorschau</translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <source>Preview: {name}</source>
        <translation>Vorschau: {name}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Speichern unter…</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>Bericht drucken</translation>
    </message>
    <message>
        <source>Could not print: {error}</source>
        <translation>Drucken nicht möglich: {error}</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>Bericht speichern unter</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>Type the password of {user} to go on.</source>
        <translation>Passwort von {user} eingeben, um fortzufahren.</translation>
    </message>
    <message>
        <source>Type the clinic PIN to go on.</source>
        <translation>Geben Sie die PIN der Praxis ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>No clinic PIN is set (Settings → Security): press Unlock to go on.</source>
        <translation>Keine Praxis-PIN gesetzt (Einstellungen → Sicherheit): Drücken Sie Entsperren, um fortzufahren.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>That is not it. Try again.</source>
        <translation>Das stimmt nicht. Bitte erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Praxis</translation>
    </message>
    <message>
        <source>Clinicians</source>
        <translation>Therapeuten</translation>
    </message>
    <message>
        <source>Measurement error (MDC)</source>
        <translation>Messfehler (MDC)</translation>
    </message>
    <message>
        <source>Clinic server</source>
        <translation>Praxisserver</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>PNG or JPEG for report letterheads (optional)</source>
        <translation>PNG oder JPEG für den Briefkopf der Berichte (optional)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>US-Letter</translation>
    </message>
    <message>
        <source>ISO 4217, e.g. USD, EUR</source>
        <translation>ISO 4217, z. B. USD, EUR</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Name der Praxis</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Default position</source>
        <translation>Standardposition</translation>
    </message>
    <message>
        <source>Default mode</source>
        <translation>Standard-Bewegungsart</translation>
    </message>
    <message>
        <source>Default instrument</source>
        <translation>Standardinstrument</translation>
    </message>
    <message>
        <source>Report paper size</source>
        <translation>Papierformat der Berichte</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Sprache der Berichte</translation>
    </message>
    <message>
        <source>Currency (code, symbol)</source>
        <translation>Währung (Code, Symbol)</translation>
    </message>
    <message>
        <source>Window language (this workstation)</source>
        <translation>Sprache des Fensters (dieser Arbeitsplatz)</translation>
    </message>
    <message>
        <source>Name, e.g. Ann Lee</source>
        <translation>Name, z. B. Anna Berg</translation>
    </message>
    <message>
        <source>Credentials, e.g. PT, DPT</source>
        <translation>Qualifikation, z. B. Physiotherapeutin</translation>
    </message>
    <message>
        <source>Add clinician</source>
        <translation>Therapeut/in hinzufügen</translation>
    </message>
    <message>
        <source>Unticked clinicians stay in old records but are no longer offered for new visits.</source>
        <translation>Nicht angehakte Therapeuten bleiben in alten Einträgen, werden aber für neue Termine nicht mehr angeboten.</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>MDC (°)</source>
        <translation>MDC (°)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>A change smaller than the MDC is shown as “within measurement error”. Defaults: 7° for hip rotation (Gradoz et al. 2018), 5° for other motions.</source>
        <translation>Eine Änderung unter dem MDC wird als „im Messfehler“ angezeigt. Vorgaben: 7° für die Hüftrotation (Gradoz et al. 2018), 5° für andere Bewegungen.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>keine gesetzt</translation>
    </message>
    <message>
        <source>Remove the clinic PIN</source>
        <translation>Praxis-PIN entfernen</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>Fenster sperren nach</translation>
    </message>
    <message>
        <source>Clinic PIN (4–12 digits)</source>
        <translation>Praxis-PIN (4–12 Ziffern)</translation>
    </message>
    <message>
        <source>The PIN is kept only as a salted hash. On a clinic server where people sign in, each person unlocks with their own password instead.</source>
        <translation>Die PIN wird nur als gesalzener Hash gespeichert. Auf einem Praxisserver mit Anmeldung entsperrt jede Person stattdessen mit ihrem eigenen Passwort.</translation>
    </message>
    <message>
        <source>Use a clinic server (PostgreSQL) on this workstation</source>
        <translation>Einen Praxisserver (PostgreSQL) an diesem Arbeitsplatz verwenden</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>SSL</source>
        <translation>SSL</translation>
    </message>
    <message>
        <source>ptlog never stores the password: put it in ~/.pgpass (pgpass.conf on Windows), a PostgreSQL service file, or PGPASSWORD. The change applies at the next start.</source>
        <translation>ptlog speichert das Passwort nie: Legen Sie es in ~/.pgpass (pgpass.conf unter Windows), eine PostgreSQL-Servicedatei oder PGPASSWORD. Die Änderung gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Sprache des Fensters</translation>
    </message>
    <message>
        <source>The window will use the new language the next time ptlog starts.</source>
        <translation>Das Fenster verwendet die neue Sprache beim nächsten Start von ptlog.</translation>
    </message>
    <message>
        <source>Clinic logo</source>
        <translation>Praxislogo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Type the clinician&apos;s name first.</source>
        <translation>Zuerst den Namen der Therapeutin / des Therapeuten eingeben.</translation>
    </message>
    <message>
        <source>{name} is already in the list.</source>
        <translation>{name} ist schon in der Liste.</translation>
    </message>
    <message>
        <source>Adding the clinician…</source>
        <translation>Therapeut/in wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Hinzugefügt: {name}.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — ptlog</source>
        <translation>Anmelden — ptlog</translation>
    </message>
    <message>
        <source>The clinic server {server} asks you to sign in.</source>
        <translation>Der Praxisserver {server} bittet um Anmeldung.</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Benutzernamen eingeben.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Passwort eingeben.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>The server did not accept that user name and password. Check them (Caps Lock?) and try again.</source>
        <translation>Der Server hat Benutzername und Passwort nicht angenommen. Bitte prüfen (Feststelltaste?) und erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>TreatmentDialog</name>
    <message>
        <source>Treatment kind</source>
        <translation>Behandlungsart</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Treated side</source>
        <translation>Behandelte Seite</translation>
    </message>
    <message>
        <source>Sessions planned</source>
        <translation>Geplante Sitzungen</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>Wahrgenommene Sitzungen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Edit treatment</source>
        <translation>Behandlung bearbeiten</translation>
    </message>
    <message>
        <source>Add treatment</source>
        <translation>Behandlung hinzufügen</translation>
    </message>
    <message>
        <source>empty: one-day treatment</source>
        <translation>leer: eintägige Behandlung</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>{currency}, e.g. 1200 (empty if unknown)</source>
        <translation>{currency}, z. B. 1200 (leer, wenn unbekannt)</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>the end date is before the start date ({start})</source>
        <translation>das Enddatum liegt vor dem Beginn ({start})</translation>
    </message>
    <message>
        <source>Saving the treatment…</source>
        <translation>Behandlung wird gespeichert…</translation>
    </message>
    <message>
        <source>{error} Your input is still in the form.</source>
        <translation>{error} Ihre Eingaben sind noch im Formular.</translation>
    </message>
    <message>
        <source>Remove treatment</source>
        <translation>Behandlung entfernen</translation>
    </message>
    <message>
        <source>Remove the treatment “{kind}” of {date}? Its before/after comparison disappears; the audit log keeps a copy.</source>
        <translation>Behandlung „{kind}“ vom {date} entfernen? Ihr Vorher-nachher-Vergleich entfällt; das Audit-Protokoll behält eine Kopie.</translation>
    </message>
    <message>
        <source>Removing the treatment…</source>
        <translation>Behandlung wird entfernt…</translation>
    </message>
</context>
<context>
    <name>TreatmentListModel</name>
    <message>
        <source>Treatment</source>
        <translation>Behandlung</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>Kosten ({currency})</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>one day</source>
        <translation>ein Tag</translation>
    </message>
</context>
<context>
    <name>TreatmentPanel</name>
    <message>
        <source>Add treatment…</source>
        <translation>Behandlung hinzufügen…</translation>
    </message>
    <message>
        <source>Edit / remove…</source>
        <translation>Bearbeiten / entfernen…</translation>
    </message>
</context>
<context>
    <name>TrendPlot</name>
    <message>
        <source>degrees</source>
        <extracomment>a series with more points than this is drawn with a 1-pixel line: dense lines only hide the markers, and a wider line is stroked segment by segment (0.5 ms per 200 points a repaint) emitted by a compact plot when clicked: the motion it shows what the view must show besides the readings: the band, goals, targets, treatments</extracomment>
        <translation>Grad</translation>
    </message>
</context>
<context>
    <name>VisitHistory</name>
    <message>
        <source>Amend…</source>
        <extracomment>a reading was amended or voided through the context menu (patient should reload)</extracomment>
        <translation>Korrigieren…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Ungültig machen…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Verlauf…</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Messwert</translation>
    </message>
    <message>
        <source>This reading was already corrected; amend or void its current value instead.</source>
        <translation>Dieser Messwert wurde bereits korrigiert; korrigieren oder stornieren Sie stattdessen den aktuellen Wert.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Something unexpected went wrong. Nothing you entered was discarded. The details are in the log.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen. Nichts von Ihren Eingaben wurde verworfen. Die Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>ptlog: unexpected error</source>
        <translation>ptlog: unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Lines not shown: {count}. Show Details… lists them all.</source>
        <extracomment>more lines than this go into the box&apos;s scrollable details (50,000 bad rows made a box 1,204 pixels tall, its OK button below a laptop&apos;s screen)</extracomment>
        <translation>Nicht angezeigte Zeilen: {count}. „Details einblenden…“ listet alle auf.</translation>
    </message>
    <message>
        <source>Show Details… has the whole text.</source>
        <translation>„Details einblenden…“ zeigt den ganzen Text.</translation>
    </message>
</context>
</TS>
