<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AmendDialog</name>
    <message>
        <source>{motion}, {side}, {mode}, {position} — {degrees}° on {date}</source>
        <translation>{motion}, {side}, {mode}, {position} — {degrees}° el {date}</translation>
    </message>
    <message>
        <source>Void reading</source>
        <translation>Anular medición</translation>
    </message>
    <message>
        <source>Amend reading</source>
        <translation>Corregir medición</translation>
    </message>
    <message>
        <source>degrees, e.g. 32</source>
        <translation>grados, p. ej. 32</translation>
    </message>
    <message>
        <source>why it is void, e.g. entered for the wrong patient</source>
        <translation>por qué se anula, p. ej. registrada en el paciente equivocado</translation>
    </message>
    <message>
        <source>why it changes, e.g. misread the scale</source>
        <translation>por qué cambia, p. ej. se leyó mal la escala</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Medición</translation>
    </message>
    <message>
        <source>New value *</source>
        <translation>Valor nuevo *</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Motivo *</translation>
    </message>
    <message>
        <source>The original value stays on record and in the audit trail.</source>
        <translation>El valor original se conserva en el registro y en la auditoría.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Corregir</translation>
    </message>
    <message>
        <source>Enter the corrected value in degrees.</source>
        <translation>Introduzca el valor corregido en grados.</translation>
    </message>
    <message>
        <source>That is the recorded value ({value}°).</source>
        <translation>Ese es el valor registrado ({value}°).</translation>
    </message>
    <message>
        <source>A reason is required: it is kept with the record.</source>
        <translation>Hace falta un motivo: se guarda junto con el registro.</translation>
    </message>
    <message>
        <source>Saving the correction…</source>
        <translation>Guardando la corrección…</translation>
    </message>
</context>
<context>
    <name>AuditEventModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Hora (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Terapeuta</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>create</source>
        <translation>creado</translation>
    </message>
    <message>
        <source>update</source>
        <translation>modificado</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>amend</source>
        <translation>corregido</translation>
    </message>
    <message>
        <source>void</source>
        <translation>anulado</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importación</translation>
    </message>
    <message>
        <source>export</source>
        <translation>exportación</translation>
    </message>
    <message>
        <source>report</source>
        <translation>informe</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>restaurado</translation>
    </message>
    <message>
        <source>seal</source>
        <translation>cambio de clave</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>paciente</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>cita</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>medición</translation>
    </message>
    <message>
        <source>treatment</source>
        <translation>tratamiento</translation>
    </message>
    <message>
        <source>goal</source>
        <translation>objetivo</translation>
    </message>
    <message>
        <source>clinician</source>
        <translation>terapeuta</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>ajuste</translation>
    </message>
    <message>
        <source>database</source>
        <translation>base de datos</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>cadena de auditoría</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>all patients</source>
        <translation>todos los pacientes</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrar</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>No patient with chart number {chart}.</source>
        <translation>No hay ningún paciente con el número de historia {chart}.</translation>
    </message>
    <message>
        <source>The “From” date is after the “To” date.</source>
        <translation>La fecha «Desde» es posterior a la fecha «Hasta».</translation>
    </message>
    <message>
        <source>Events: {count}</source>
        <translation>Eventos: {count}</translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Exportar registro de auditoría</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {path}, events: {count}</source>
        <translation>Exportado a {path}, eventos: {count}</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase (for a copy that leaves the clinic)</source>
        <translation>Cifrar con una frase de contraseña (para una copia que sale de la clínica)</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Backups are kept in {folder} (12 daily, 10 weekly, 9 monthly).</source>
        <translation>Las copias de seguridad se guardan en {folder} (12 diarias, 10 semanales, 9 mensuales).</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>Todavía no hay copias de seguridad.</translation>
    </message>
    <message>
        <source>{taken}, {size} KB</source>
        <translation>{taken}, {size} KB</translation>
    </message>
    <message>
        <source>kept before a restore</source>
        <translation>guardada antes de una restauración</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>cifrada</translation>
    </message>
    <message>
        <source>Encrypted backup</source>
        <translation>Copia de seguridad cifrada</translation>
    </message>
    <message>
        <source>Passphrase (at least 10 characters; without it the backup is lost):</source>
        <translation>Frase de contraseña (al menos 10 caracteres; sin ella la copia se pierde):</translation>
    </message>
    <message>
        <source>Not backed up: {problem}.</source>
        <translation>No se hizo la copia: {problem}.</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>La misma frase de contraseña otra vez:</translation>
    </message>
    <message>
        <source>Not backed up: the two passphrases differ.</source>
        <translation>No se hizo la copia: las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Haciendo la copia de seguridad…</translation>
    </message>
    <message>
        <source>Backed up and verified: {file}</source>
        <translation>Copia hecha y verificada: {file}</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>La copia de seguridad falló.</translation>
    </message>
    <message>
        <source>Backup&apos;s audit trail is broken</source>
        <translation>El registro de auditoría de la copia está roto</translation>
    </message>
    <message>
        <source>{why}

Restore it anyway? The audit trail will record that you accepted a backup whose trail fails verification.</source>
        <translation>{why}

¿Restaurarla de todos modos? El registro de auditoría anotará que aceptó una copia cuyo registro no supera la verificación.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde copia de seguridad</translation>
    </message>
    <message>
        <source>ptlog backups (*.db *.dump);;All files (*)</source>
        <translation>Copias de ptlog (*.db *.dump);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restaurar copia</translation>
    </message>
    <message>
        <source>Replace the database with the backup {file}?

The current database is kept as a copy in the backup folder, so this can be undone.</source>
        <translation>¿Sustituir la base de datos por la copia {file}?

La base de datos actual se guarda como copia en la carpeta de copias, así que se puede deshacer.</translation>
    </message>
    <message>
        <source>Passphrase of {file}:</source>
        <translation>Frase de contraseña de {file}:</translation>
    </message>
    <message>
        <source>Checking the backup {file}…</source>
        <translation>Comprobando la copia de seguridad {file}…</translation>
    </message>
    <message>
        <source>The restore failed; nothing was changed.</source>
        <translation>La restauración ha fallado; no se ha cambiado nada.</translation>
    </message>
    <message>
        <source>Restored from {file}.</source>
        <translation>Restaurada desde {file}.</translation>
    </message>
    <message>
        <source>Restored from {file}. The previous database was kept as {copy}.</source>
        <translation>Restaurada desde {file}. La base de datos anterior se guardó como {copy}.</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>No problems found</source>
        <translation>No se encontraron problemas</translation>
    </message>
    <message>
        <source>Check database</source>
        <translation>Comprobar base de datos</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <source>Checks the file&apos;s integrity, that the audit trail is unbroken, and that every record still says what was recorded.</source>
        <translation>Comprueba la integridad del archivo, que el registro de auditoría no esté roto y que cada registro siga diciendo lo que se registró.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Problems found: {count}. Restore a backup made before the change, or ask your administrator.</source>
        <translation>Problemas encontrados: {count}. Restaure una copia de seguridad anterior al cambio o consulte a su administrador.</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>nota: {note}</translation>
    </message>
    <message>
        <source>The check itself failed ({error}).</source>
        <translation>La propia comprobación falló ({error}).</translation>
    </message>
</context>
<context>
    <name>ClinicComparisonDialog</name>
    <message>
        <source>Clinic outcomes by treatment</source>
        <translation>Resultados de la clínica por tratamiento</translation>
    </message>
</context>
<context>
    <name>CohortTableModel</name>
    <message>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>Pacientes</translation>
    </message>
    <message>
        <source>Responders</source>
        <translation>Respondedores</translation>
    </message>
    <message>
        <source>Responder rate</source>
        <translation>Tasa de respuesta</translation>
    </message>
    <message>
        <source>Judged window</source>
        <translation>Ventana valorada</translation>
    </message>
    <message>
        <source>Rate in judged window</source>
        <translation>Tasa en la ventana valorada</translation>
    </message>
    <message>
        <source>Expected success</source>
        <translation>Éxito esperado</translation>
    </message>
    <message>
        <source>Mean change °</source>
        <translation>Cambio medio °</translation>
    </message>
    <message>
        <source>95% CI °</source>
        <translation>IC 95 % °</translation>
    </message>
    <message>
        <source>Median days to latest</source>
        <translation>Mediana de días hasta el último</translation>
    </message>
    <message>
        <source>Cost per responder ({currency})</source>
        <translation>Coste por respondedor ({currency})</translation>
    </message>
    <message>
        <source>Gains faded</source>
        <translation>Mejoras perdidas</translation>
    </message>
    <message>
        <source>Expected recovery</source>
        <translation>Recuperación esperada</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Compare:</source>
        <translation>Comparar:</translation>
    </message>
    <message>
        <source>This patient</source>
        <translation>Este paciente</translation>
    </message>
    <message>
        <source>Any position</source>
        <translation>Cualquier posición</translation>
    </message>
    <message>
        <source>Count follow-ups after a later treatment</source>
        <translation>Contar controles posteriores a otro tratamiento</translation>
    </message>
    <message>
        <source>A follow-up taken after another treatment of the same side began is confounded: its change is not this treatment&apos;s alone. Left out of the window rates unless ticked.</source>
        <translation>Un control tomado después de que empezara otro tratamiento del mismo lado está confundido: su cambio no es solo de este tratamiento. Se excluye de las tasas por ventana salvo que se marque.</translation>
    </message>
    <message>
        <source>responders (%)</source>
        <translation>respondedores (%)</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>Iniciados desde</translation>
    </message>
    <message>
        <source>until</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the table on this tab as CSV text</source>
        <translation>Copiar la tabla de esta pestaña como texto CSV</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Responder: the latest follow-up gains at least the motion&apos;s MDC on the treated side. Readings of different position or mode are never compared.</source>
        <translation>Respondedor: el último control gana al menos el MDC del movimiento en el lado tratado. Nunca se comparan mediciones de distinta posición o modo.</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>{motion} {side} ({position}, {mode}) — {treatment}: {verdict}</source>
        <translation>{motion} {side} ({position}, {mode}) — {treatment}: {verdict}</translation>
    </message>
    <message>
        <source>during</source>
        <translation>durante</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>basal</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>No patient open.</source>
        <translation>Ningún paciente abierto.</translation>
    </message>
    <message>
        <source>days after the treatment ended</source>
        <translation>días tras el fin del tratamiento</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>grados</translation>
    </message>
    <message>
        <source>No treatments recorded for this patient.</source>
        <translation>No hay tratamientos registrados para este paciente.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln before/after comparison(s).</source>
        <translation>
            <numerusform>%Ln comparación antes/después.</numerusform>
            <numerusform>%Ln comparaciones antes/después.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{compared} %Ln series without a reading in the 60 days before the start (no baseline).</source>
        <translation>
            <numerusform>{compared} %Ln serie sin medición en los 60 días previos al inicio (sin basal).</numerusform>
            <numerusform>{compared} %Ln series sin medición en los 60 días previos al inicio (sin basal).</numerusform>
        </translation>
    </message>
    <message>
        <source>{treatment} {date} — {motion} {side}, {position} {mode}</source>
        <translation>{treatment} {date} — {motion} {side}, {position} {mode}</translation>
    </message>
    <message>
        <source>No before/after comparison to show</source>
        <translation>No hay comparación antes/después que mostrar</translation>
    </message>
    <message>
        <source>Analysing the clinic&apos;s treatments…</source>
        <translation>Analizando los tratamientos de la clínica…</translation>
    </message>
    <message>
        <source>The clinic analysis failed.</source>
        <translation>El análisis de la clínica falló.</translation>
    </message>
    <message>
        <source>Each patient counts once per kind (latest treatment). Each kind is judged in the window its expectation describes (injections up to 6 weeks, PT 6 weeks to 6 months, arthroscopy over 6 months). Bars: observed responders in that window; whiskers: expected success range (clinic reference values).</source>
        <translation>Cada paciente cuenta una vez por tipo (el tratamiento más reciente). Cada tipo se juzga en la ventana que describe su expectativa (infiltraciones hasta 6 semanas, fisioterapia de 6 semanas a 6 meses, artroscopia más de 6 meses). Barras: respondedores observados en esa ventana; bigotes: rango de éxito esperado (valores de referencia de la clínica).</translation>
    </message>
    <message>
        <source>Follow-ups after another treatment of the same side began are counted.</source>
        <translation>Se cuentan los controles posteriores al inicio de otro tratamiento del mismo lado.</translation>
    </message>
    <message>
        <source>Follow-ups after another treatment of the same side began are left out.</source>
        <translation>Se excluyen los controles posteriores al inicio de otro tratamiento del mismo lado.</translation>
    </message>
    <message numerus="yes">
        <source>{motion}: %Ln patient-treatment(s) with a baseline and a follow-up. {explained} {confounded}</source>
        <translation>
            <numerusform>{motion}: %Ln tratamiento de paciente con basal y control. {explained} {confounded}</numerusform>
            <numerusform>{motion}: %Ln tratamientos de pacientes con basal y control. {explained} {confounded}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Exportar tabla como CSV</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Pick the day from a calendar (Alt+Down)</source>
        <extracomment>the text changed (typed, picked from the calendar or set)</extracomment>
        <translation>Elegir el día en un calendario (Alt+Abajo)</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>When the patient was seen (YYYY-MM-DD HH:MM, local time). Change it to document a visit later: it is marked as a late entry.</source>
        <extracomment>lines of flags beside a field; the asymmetry takes one line under the motion&apos;s name. Rows keep one height, so the fields never move while a value is typed or cleared. the focused field&apos;s motion, side and typed text changed (drives the dial and plots) the visit was saved: its ``SaveResult`` (visit and readings stored), for the view to add whether there are unsaved values</extracomment>
        <translation>Cuándo se vio al paciente (AAAA-MM-DD HH:MM, hora local). Cámbielo para documentar una visita más tarde: se marca como registro tardío.</translation>
    </message>
    <message>
        <source>Visit note (saved with the readings)</source>
        <translation>Nota de la visita (se guarda con las mediciones)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Fisioterapeuta</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Pain (0–10)</source>
        <translation>Dolor (0–10)</translation>
    </message>
    <message>
        <source>Visit date and time</source>
        <translation>Fecha y hora de la visita</translation>
    </message>
    <message>
        <source>Motion · Left − Right</source>
        <translation>Movimiento · Izq. − Der.</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Izquierda</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecha</translation>
    </message>
    <message>
        <source>Add motion</source>
        <translation>Añadir movimiento</translation>
    </message>
    <message>
        <source>Save readings</source>
        <translation>Guardar mediciones</translation>
    </message>
    <message>
        <source>Store every value of this visit in one step (Ctrl+S)</source>
        <translation>Guardar todos los valores de esta visita de una vez (Ctrl+S)</translation>
    </message>
    <message>
        <source>Hip panel and other motions</source>
        <translation>Panel de cadera y otros movimientos</translation>
    </message>
    <message>
        <source>Percent = {formula}</source>
        <translation>Porcentaje = {formula}</translation>
    </message>
    <message>
        <source>Visit date: {problem}</source>
        <translation>Fecha de la visita: {problem}</translation>
    </message>
    <message>
        <source>Cannot save: {problem}</source>
        <translation>No se puede guardar: {problem}</translation>
    </message>
    <message>
        <source>Saving the readings…</source>
        <translation>Guardando las mediciones…</translation>
    </message>
    <message>
        <source>Not saved: {error} Your values are still here.</source>
        <translation>No se guardó: {error} Sus valores siguen aquí.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %Ln reading(s)</source>
        <translation>
            <numerusform>%Ln medición guardada</numerusform>
            <numerusform>%Ln mediciones guardadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved}; %Ln already recorded</source>
        <translation>
            <numerusform>{saved}; %Ln ya estaba registrada</numerusform>
            <numerusform>{saved}; %Ln ya estaban registradas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExercisePickerDialog</name>
    <message>
        <source>mobility</source>
        <translation>movilidad</translation>
    </message>
    <message>
        <source>strength</source>
        <translation>fuerza</translation>
    </message>
    <message>
        <source>Handout for {patient}</source>
        <translation>Folleto para {patient}</translation>
    </message>
    <message>
        <source>Internal rotation is limited: the rotation drills and strength work are ticked.</source>
        <translation>La rotación interna está limitada: están marcados los ejercicios de rotación y de fuerza.</translation>
    </message>
    <message>
        <source>Rotation is within range: a general maintenance set is ticked.</source>
        <translation>La rotación está dentro del rango: está marcado un programa general de mantenimiento.</translation>
    </message>
    <message>
        <source>Muscle action: {action}</source>
        <translation>Acción muscular: {action}</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
    <message>
        <source>&amp;Reset to suggested</source>
        <translation>&amp;Restablecer sugeridos</translation>
    </message>
    <message>
        <source>&amp;Next visit:</source>
        <translation>&amp;Próxima visita:</translation>
    </message>
    <message>
        <source>Create handout</source>
        <translation>Crear hoja para el paciente</translation>
    </message>
</context>
<context>
    <name>FlowsheetModel</name>
    <message>
        <source>below normal</source>
        <translation>por debajo de lo normal</translation>
    </message>
    <message>
        <source>above normal</source>
        <translation>por encima de lo normal</translation>
    </message>
    <message>
        <source>within normal</source>
        <translation>dentro de lo normal</translation>
    </message>
    <message>
        <source>{mark} taken {how}: not the way of the visit before (values taken differently are not compared)</source>
        <extracomment>beside a value taken in another position or mode than the one before it in its row</extracomment>
        <translation>{mark} medido {how}: no como en la cita anterior (los valores medidos de otra forma no se comparan)</translation>
    </message>
    <message>
        <source>also {degrees} {position}, {mode}</source>
        <translation>también {degrees} {position}, {mode}</translation>
    </message>
</context>
<context>
    <name>FlowsheetView</name>
    <message>
        <source>Colours: &lt;span style=&apos;color:{alert}&apos;&gt;below&lt;/span&gt;, &lt;span style=&apos;color:{ok}&apos;&gt;within&lt;/span&gt;, &lt;span style=&apos;color:{warn}&apos;&gt;above&lt;/span&gt; the age norm at the visit. {mark} = taken in another position or mode than the visit before (hover for how).</source>
        <translation>Colores: &lt;span style=&apos;color:{alert}&apos;&gt;por debajo&lt;/span&gt;, &lt;span style=&apos;color:{ok}&apos;&gt;dentro&lt;/span&gt;, &lt;span style=&apos;color:{warn}&apos;&gt;por encima&lt;/span&gt; de la norma para la edad en la visita. {mark} = tomada en otra posición o modo que en la visita anterior (pase el ratón para ver cómo).</translation>
    </message>
</context>
<context>
    <name>GoniometerDial</name>
    <message>
        <source>Goniometer</source>
        <translation>Goniómetro</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Date / motion</source>
        <translation>Fecha / movimiento</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Degrees</source>
        <translation>Grados</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Fisioterapeuta</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>voided: {reason}</source>
        <translation>anulada: {reason}</translation>
    </message>
    <message>
        <source>amended: {reason}</source>
        <translation>corregida: {reason}</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>sustituida</translation>
    </message>
    <message>
        <source>superseded by an amendment</source>
        <translation>sustituida por una corrección</translation>
    </message>
    <message>
        <source>entered by {user} at {time}</source>
        <translation>registrada por {user} el {time}</translation>
    </message>
    <message>
        <source>Documented on a later day than the visit (a late entry)</source>
        <translation>Documentada un día posterior a la visita (registro tardío)</translation>
    </message>
    <message>
        <source>, pain {pain}/10</source>
        <translation>, dolor {pain}/10</translation>
    </message>
    <message>
        <source>late entry</source>
        <translation>registro tardío</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>(not imported)</source>
        <translation>(no se importa)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>N.º de historia</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Fisioterapeuta</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>Articulación</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Degrees</source>
        <translation>Grados</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Fecha de fin</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>e.g. 2024-117</source>
        <translation>p. ej. 2024-117</translation>
    </message>
    <message>
        <source>Female, Male, Other, Unknown</source>
        <translation>Mujer, Hombre, Otro, Desconocido</translation>
    </message>
    <message>
        <source>Seated, Prone, Supine, Standing</source>
        <translation>Sentado, Prono, Supino, De pie</translation>
    </message>
    <message>
        <source>Active, Passive</source>
        <translation>Activo, Pasivo</translation>
    </message>
    <message>
        <source>Universal goniometer</source>
        <translation>Goniómetro universal</translation>
    </message>
    <message>
        <source>Year-month-day (ISO, 2026-06-15)</source>
        <translation>Año-mes-día (ISO, 2026-06-15)</translation>
    </message>
    <message>
        <source>Day/month/year (15/06/2026)</source>
        <translation>Día/mes/año (15/06/2026)</translation>
    </message>
    <message>
        <source>Month/day/year (06/15/2026)</source>
        <translation>Mes/día/año (06/15/2026)</translation>
    </message>
    <message>
        <source>Import readings or treatments</source>
        <translation>Importar mediciones o tratamientos</translation>
    </message>
    <message>
        <source>a .csv or .xlsx file — type its path and press Enter, or Choose…</source>
        <translation>un archivo .csv o .xlsx: escriba su ruta y pulse Intro, o Elegir…</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>When the sheet has no column for it</source>
        <translation>Cuando la hoja no tiene columna para ello</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Elija un archivo.</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>Co&amp;mprobar</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>&amp;Save mapping…</source>
        <translation>&amp;Guardar asignación…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Shee&amp;t</source>
        <translation>&amp;Hoja</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>&amp;Fechas</translation>
    </message>
    <message>
        <source>Columns of the sheet</source>
        <translation>Columnas de la hoja</translation>
    </message>
    <message>
        <source>&amp;What this column holds</source>
        <translation>&amp;Qué contiene esta columna</translation>
    </message>
    <message>
        <source>First rows, as the importer reads them</source>
        <translation>Primeras filas, tal como las lee el importador</translation>
    </message>
    <message>
        <source>Problems (nothing is written while there are any)</source>
        <translation>Problemas (no se escribe nada mientras haya alguno)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.xlsm *.txt);;All files (*)</source>
        <translation>Hojas de cálculo (*.csv *.xlsx *.xlsm *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Leyendo {file}…</translation>
    </message>
    <message>
        <source>the mapping kept from the last import of a sheet with these columns</source>
        <translation>la asignación guardada de la última importación de una hoja con estas columnas</translation>
    </message>
    <message>
        <source>suggestions from the header: check each column</source>
        <translation>sugerencias según el encabezado: revise cada columna</translation>
    </message>
    <message>
        <source>sheet “{sheet}”</source>
        <translation>hoja «{sheet}»</translation>
    </message>
    <message>
        <source>semicolon-separated text</source>
        <translation>texto separado por punto y coma</translation>
    </message>
    <message>
        <source>tab-separated text</source>
        <translation>texto separado por tabuladores</translation>
    </message>
    <message>
        <source>comma-separated text</source>
        <translation>texto separado por comas</translation>
    </message>
    <message numerus="yes">
        <source>{file}: {what}, %Ln column(s); mapping: {note}.</source>
        <translation>
            <numerusform>{file}: {what}, %Ln columna; asignación: {note}.</numerusform>
            <numerusform>{file}: {what}, %Ln columnas; asignación: {note}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Guardar asignación</translation>
    </message>
    <message>
        <source>Mapping (*.json)</source>
        <translation>Asignación (*.json)</translation>
    </message>
    <message>
        <source>Mapping saved to {path}: use it with {command}</source>
        <translation>Asignación guardada en {path}: úsela con {command}</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Comprobando cada fila…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message numerus="yes">
        <source>Writing: %Ln row(s) of {total}</source>
        <translation>
            <numerusform>Escribiendo: %Ln fila de {total}</numerusform>
            <numerusform>Escribiendo: %Ln filas de {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking: %Ln row(s) read</source>
        <translation>
            <numerusform>Comprobando: %Ln fila leída</numerusform>
            <numerusform>Comprobando: %Ln filas leídas</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No se encontraron problemas.</translation>
    </message>
    <message>
        <source>Checked, nothing written. The import would bring: {counts}.</source>
        <translation>Comprobado, no se escribió nada. La importación traería: {counts}.</translation>
    </message>
    <message>
        <source>Imported: {counts}.</source>
        <translation>Importado: {counts}.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importación terminada</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… y %Ln más</numerusform>
            <numerusform>… y %Ln más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s): nothing was written. Fix the sheet, or the mapping, and check again.</source>
        <translation>
            <numerusform>%Ln problema: no se escribió nada. Corrija la hoja o la asignación y vuelva a comprobar.</numerusform>
            <numerusform>%Ln problemas: no se escribió nada. Corrija la hoja o la asignación y vuelva a comprobar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Cancelado: no se importó nada.</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>No se escribió nada.</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>Aviso: {warning}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) added</source>
        <translation>
            <numerusform>%Ln tratamiento añadido</numerusform>
            <numerusform>%Ln tratamientos añadidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) already present</source>
        <translation>
            <numerusform>%Ln tratamiento ya existía</numerusform>
            <numerusform>%Ln tratamientos ya existían</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) added</source>
        <translation>
            <numerusform>%Ln medición añadida</numerusform>
            <numerusform>%Ln mediciones añadidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) already present</source>
        <translation>
            <numerusform>%Ln medición ya existía</numerusform>
            <numerusform>%Ln mediciones ya existían</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln patient(s)</source>
        <translation>
            <numerusform>%Ln paciente</numerusform>
            <numerusform>%Ln pacientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new patient(s)</source>
        <translation>
            <numerusform>%Ln paciente nuevo</numerusform>
            <numerusform>%Ln pacientes nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new visit(s)</source>
        <translation>
            <numerusform>%Ln visita nueva</numerusform>
            <numerusform>%Ln visitas nuevas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>ptlog is locked</source>
        <translation>ptlog está bloqueado</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ptlog — goniometer logbook</source>
        <translation>ptlog — registro goniométrico</translation>
    </message>
    <message>
        <source>This database is read-only (its file permissions): you can look, report and back up, not change anything.</source>
        <translation>Esta base de datos es de solo lectura (permisos del archivo): puede consultar, hacer informes y copias, pero no cambiar nada.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation>&amp;Nuevo paciente…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>&amp;Export readings as CSV…</source>
        <translation>&amp;Exportar mediciones como CSV…</translation>
    </message>
    <message>
        <source>Export as &amp;FHIR bundle…</source>
        <translation>Exportar como paquete &amp;FHIR…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Copias de seguridad…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Buscar paciente</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Paciente</translation>
    </message>
    <message>
        <source>&amp;Edit patient…</source>
        <translation>&amp;Editar paciente…</translation>
    </message>
    <message>
        <source>&amp;Archive / restore</source>
        <translation>&amp;Archivar / recuperar</translation>
    </message>
    <message>
        <source>Add &amp;treatment…</source>
        <translation>Añadir &amp;tratamiento…</translation>
    </message>
    <message>
        <source>&amp;Visit</source>
        <translation>&amp;Visita</translation>
    </message>
    <message>
        <source>&amp;Save readings</source>
        <translation>&amp;Guardar mediciones</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Informe</translation>
    </message>
    <message>
        <source>Progress &amp;report preview…</source>
        <translation>Vista previa del &amp;informe de evolución…</translation>
    </message>
    <message>
        <source>Patient &amp;handout preview…</source>
        <translation>Vista previa de la &amp;hoja para el paciente…</translation>
    </message>
    <message>
        <source>&amp;Print progress report…</source>
        <translation>Im&amp;primir informe de evolución…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Clinic outcomes…</source>
        <translation>&amp;Resultados de la clínica…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>Registro de &amp;auditoría…</translation>
    </message>
    <message>
        <source>Check &amp;database…</source>
        <translation>Comprobar base de &amp;datos…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About ptlog</source>
        <translation>&amp;Acerca de ptlog</translation>
    </message>
    <message>
        <source>open another patient</source>
        <translation>abrir otro paciente</translation>
    </message>
    <message>
        <source>Unsaved readings</source>
        <translation>Mediciones sin guardar</translation>
    </message>
    <message>
        <source>You have typed readings that are not saved yet. Save them before you {doing}?</source>
        <translation>Ha escrito mediciones que aún no se han guardado. ¿Guardarlas antes de {doing}?</translation>
    </message>
    <message>
        <source>Created {patient}</source>
        <translation>Creado: {patient}</translation>
    </message>
    <message>
        <source>Readings saved</source>
        <translation>Mediciones guardadas</translation>
    </message>
    <message>
        <source>open the backups (a restore replaces the database)</source>
        <translation>abrir las copias de seguridad (una restauración sustituye la base de datos)</translation>
    </message>
    <message>
        <source>Database restored from the backup</source>
        <translation>Base de datos restaurada desde la copia</translation>
    </message>
    <message>
        <source>Open a patient first.</source>
        <translation>Abra primero un paciente.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>{name} has no readings yet: there is nothing to report.</source>
        <translation>{name} aún no tiene mediciones: no hay nada que informar.</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>Preparando el documento…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
    <message>
        <source>Saving the report notes…</source>
        <translation>Guardando las notas del informe…</translation>
    </message>
    <message>
        <source>Report notes saved with the visit</source>
        <translation>Notas del informe guardadas con la visita</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>{kind} files (*.{suffix})</source>
        <translation>Archivos {kind} (*.{suffix})</translation>
    </message>
    <message>
        <source>Export only {name}?</source>
        <translation>¿Exportar solo a {name}?</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln observation(s) to {path}</source>
        <translation>
            <numerusform>%Ln observación exportada a {path}</numerusform>
            <numerusform>%Ln observaciones exportadas a {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln reading(s) to {path}</source>
        <translation>
            <numerusform>%Ln medición exportada a {path}</numerusform>
            <numerusform>%Ln mediciones exportadas a {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>About ptlog</source>
        <translation>Acerca de ptlog</translation>
    </message>
    <message>
        <source>&lt;p&gt;A goniometer logbook for physical therapists.&lt;/p&gt;&lt;p&gt;Normal ranges: AAOS values (Norkin &amp;amp; White) and the age table of the clinic&apos;s reference; MDC: Gradoz et al. 2018. ptlog keeps records; it does not diagnose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un registro goniométrico para fisioterapeutas.&lt;/p&gt;&lt;p&gt;Rangos normales: valores de la AAOS (Norkin &amp;amp; White) y la tabla por edades de la referencia de la clínica; MDC: Gradoz et al. 2018. ptlog guarda registros; no diagnostica.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome to ptlog</source>
        <translation>Bienvenido a ptlog</translation>
    </message>
    <message>
        <source>This database has no patients yet. Load demo patients to explore ptlog, or create your first patient.</source>
        <translation>Esta base de datos aún no tiene pacientes. Cargue pacientes de demostración para conocer ptlog, o cree su primer paciente.</translation>
    </message>
    <message>
        <source>Load demo patients</source>
        <translation>Cargar pacientes de demostración</translation>
    </message>
    <message>
        <source>Create first patient</source>
        <translation>Crear el primer paciente</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Copia de seguridad en {path}</translation>
    </message>
    <message>
        <source>Automatic backup failed: {error}</source>
        <translation>Falló la copia automática: {error}</translation>
    </message>
    <message>
        <source>Updated with readings saved on another workstation</source>
        <translation>Actualizado con mediciones guardadas en otro puesto</translation>
    </message>
    <message>
        <source>{patient} — ptlog{mode}[*]</source>
        <translation>{patient} — ptlog{mode}[*]</translation>
    </message>
    <message>
        <source>ptlog — goniometer logbook{mode}[*]</source>
        <translation>ptlog — registro goniométrico{mode}[*]</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — DEMO</translation>
    </message>
    <message>
        <source> — read-only</source>
        <translation> — solo lectura</translation>
    </message>
    <message>
        <source> — DEMO database</source>
        <translation> — base de datos DEMO</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (solo lectura)</translation>
    </message>
    <message>
        <source>close ptlog</source>
        <translation>cerrar ptlog</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <source>beyond MDC</source>
        <translation>superior al MDC</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>{kind} from {date}</source>
        <translation>{kind} desde el {date}</translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Baseline date</source>
        <translation>Fecha basal</translation>
    </message>
    <message>
        <source>Baseline °</source>
        <translation>Basal °</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Fecha del control</translation>
    </message>
    <message>
        <source>Days after</source>
        <translation>Días después</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Follow-up °</source>
        <translation>Control °</translation>
    </message>
    <message>
        <source>Change °</source>
        <translation>Cambio °</translation>
    </message>
    <message>
        <source>MDC °</source>
        <translation>MDC °</translation>
    </message>
    <message>
        <source>Beyond MDC</source>
        <translation>Supera el MDC</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Confounded by</source>
        <translation>Confundido por</translation>
    </message>
</context>
<context>
    <name>OutputFiles</name>
    <message>
        <source>{name} already exists in {folder}. Replace it?</source>
        <translation>{name} ya existe en {folder}. ¿Reemplazarlo?</translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>Edit patient</source>
        <translation>Editar paciente</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Nuevo paciente</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>The clinic&apos;s language</source>
        <translation>El idioma de la clínica</translation>
    </message>
    <message>
        <source>The activities and sports this patient needs: their hip rotation targets are shown. None ticked: walking and a deep squat.</source>
        <translation>Las actividades y deportes que necesita este paciente: se muestran sus objetivos de rotación de cadera. Si no se marca ninguna: marcha y sentadilla profunda.</translation>
    </message>
    <message>
        <source>Chart number</source>
        <translation>Número de historia</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Dominant side</source>
        <translation>Lado dominante</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Idioma de la hoja del paciente</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Referring physician</source>
        <translation>Médico remitente</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Activities and sports</source>
        <translation>Actividades y deportes</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Añadir objetivo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>Saving the patient…</source>
        <translation>Guardando el paciente…</translation>
    </message>
    <message>
        <source>{error} Your changes are still in the form.</source>
        <translation>{error} Sus cambios siguen en el formulario.</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <source>Search chart, name or birth date (Ctrl+F)</source>
        <extracomment>the id of the patient the user opened (Enter or double-click) emitted after each search with the number of matching patients</extracomment>
        <translation>Buscar historia, nombre o fecha de nacimiento (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Mostrar archivados</translation>
    </message>
    <message>
        <source>more than {count} patients — keep typing to narrow</source>
        <translation>más de {count} pacientes: siga escribiendo para acotar</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>Chart</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnóstico</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Trend of</source>
        <extracomment>The trend plots&apos; module: it brings pyqtgraph (~100 ms of imports here, a third of the start) and the window shows no plot until a patient is opened, so it is imported on a pool thread once the window has painted (``PatientView.paintEvent``), and by ``fetch_patient`` before a patient is shown: the GUI thread never waits for it. readings of this patient were saved (patient id) another patient was opened (patient id, 0 for none) the trend plots&apos; module was loaded after the first paint (``plots_ready``)</extracomment>
        <translation>Tendencia de</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medir</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <source>Flowsheet</source>
        <translation>Hoja de evolución</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Treatments</source>
        <translation>Tratamientos</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No patient open&lt;/h2&gt;Search for a patient on the left, or create one with File → New patient (Ctrl+N).</source>
        <extracomment>after a save the big plot stays on the saved motion until the PT types again</extracomment>
        <translation>&lt;h2&gt;Ningún paciente abierto&lt;/h2&gt;Busque un paciente a la izquierda o cree uno con Archivo → Nuevo paciente (Ctrl+N).</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>sex {sex}</source>
        <translation>sexo {sex}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:15pt; font-weight:600&apos;&gt;{family}, {given}&lt;/span&gt;{archived} &amp;nbsp; {age} years, {sex} &amp;nbsp;·&amp;nbsp; chart &lt;b&gt;{chart}&lt;/b&gt;&lt;br&gt;Diagnosis: {diagnosis} &amp;nbsp;·&amp;nbsp; Referred by: {physician} &amp;nbsp;·&amp;nbsp; Goals: {goals}</source>
        <translation>&lt;span style=&apos;font-size:15pt; font-weight:600&apos;&gt;{family}, {given}&lt;/span&gt;{archived} &amp;nbsp; {age} años, {sex} &amp;nbsp;·&amp;nbsp; historia &lt;b&gt;{chart}&lt;/b&gt;&lt;br&gt;Diagnóstico: {diagnosis} &amp;nbsp;·&amp;nbsp; Remitido por: {physician} &amp;nbsp;·&amp;nbsp; Objetivos: {goals}</translation>
    </message>
</context>
<context>
    <name>ReadingHistoryDialog</name>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Recorded (UTC)</source>
        <translation>Registrada (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>current</source>
        <translation>vigente</translation>
    </message>
    <message>
        <source>current (amended)</source>
        <translation>vigente (corregida)</translation>
    </message>
    <message>
        <source>original, superseded</source>
        <translation>original, sustituida</translation>
    </message>
    <message>
        <source>amendment, superseded</source>
        <translation>corrección, sustituida</translation>
    </message>
    <message>
        <source>Reading history</source>
        <translation>Historial de la medición</translation>
    </message>
</context>
<context>
    <name>ReportNotesDialog</name>
    <message>
        <source>Progress report — clinician&apos;s notes</source>
        <translation>Informe de evolución — notas del fisioterapeuta</translation>
    </message>
    <message>
        <source>Printed in the report and saved as the note of the visit on {when} ({kind}). Ctrl+Enter builds the report.</source>
        <translation>Se imprime en el informe y se guarda como nota de la visita del {when} ({kind}). Ctrl+Intro genera el informe.</translation>
    </message>
    <message>
        <source>Include the flowsheet (every visit&apos;s values as a table)</source>
        <translation>Incluir la hoja de evolución (los valores de cada visita en una tabla)</translation>
    </message>
    <message>
        <source>Save notes and preview</source>
        <translation>Guardar notas y ver</translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <source>Preview: {name}</source>
        <translation>Vista previa: {name}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Guardar como…</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>Imprimir informe</translation>
    </message>
    <message>
        <source>Could not print: {error}</source>
        <translation>No se pudo imprimir: {error}</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>Guardar informe como</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Guardar informe</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>Type the password of {user} to go on.</source>
        <translation>Escriba la contraseña de {user} para continuar.</translation>
    </message>
    <message>
        <source>Type the clinic PIN to go on.</source>
        <translation>Escriba el PIN de la clínica para continuar.</translation>
    </message>
    <message>
        <source>No clinic PIN is set (Settings → Security): press Unlock to go on.</source>
        <translation>No hay PIN de la clínica (Configuración → Seguridad): pulse Desbloquear para continuar.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>That is not it. Try again.</source>
        <translation>No es correcto. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Clinicians</source>
        <translation>Fisioterapeutas</translation>
    </message>
    <message>
        <source>Measurement error (MDC)</source>
        <translation>Error de medición (MDC)</translation>
    </message>
    <message>
        <source>Clinic server</source>
        <translation>Servidor de la clínica</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>PNG or JPEG for report letterheads (optional)</source>
        <translation>PNG o JPEG para el membrete de los informes (opcional)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>ISO 4217, e.g. USD, EUR</source>
        <translation>ISO 4217, p. ej. USD, EUR</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <source>Default position</source>
        <translation>Posición predeterminada</translation>
    </message>
    <message>
        <source>Default mode</source>
        <translation>Modo predeterminado</translation>
    </message>
    <message>
        <source>Default instrument</source>
        <translation>Instrumento predeterminado</translation>
    </message>
    <message>
        <source>Report paper size</source>
        <translation>Tamaño de papel de los informes</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Idioma de los informes</translation>
    </message>
    <message>
        <source>Currency (code, symbol)</source>
        <translation>Moneda (código, símbolo)</translation>
    </message>
    <message>
        <source>Window language (this workstation)</source>
        <translation>Idioma de la ventana (este puesto)</translation>
    </message>
    <message>
        <source>Name, e.g. Ann Lee</source>
        <translation>Nombre, p. ej. Ana López</translation>
    </message>
    <message>
        <source>Credentials, e.g. PT, DPT</source>
        <translation>Titulación, p. ej. Fisioterapeuta</translation>
    </message>
    <message>
        <source>Add clinician</source>
        <translation>Añadir fisioterapeuta</translation>
    </message>
    <message>
        <source>Unticked clinicians stay in old records but are no longer offered for new visits.</source>
        <translation>Los fisioterapeutas sin marcar siguen en los registros antiguos, pero ya no se ofrecen para visitas nuevas.</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>MDC (°)</source>
        <translation>MDC (°)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>A change smaller than the MDC is shown as “within measurement error”. Defaults: 7° for hip rotation (Gradoz et al. 2018), 5° for other motions.</source>
        <translation>Un cambio menor que el MDC se muestra como «dentro del error de medición». Valores predeterminados: 7° para la rotación de cadera (Gradoz et al. 2018), 5° para los demás movimientos.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Remove the clinic PIN</source>
        <translation>Quitar el PIN de la clínica</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>Bloquear la ventana tras</translation>
    </message>
    <message>
        <source>Clinic PIN (4–12 digits)</source>
        <translation>PIN de la clínica (4–12 dígitos)</translation>
    </message>
    <message>
        <source>The PIN is kept only as a salted hash. On a clinic server where people sign in, each person unlocks with their own password instead.</source>
        <translation>El PIN solo se guarda como hash con sal. En un servidor de la clínica con inicio de sesión, cada persona desbloquea con su propia contraseña.</translation>
    </message>
    <message>
        <source>Use a clinic server (PostgreSQL) on this workstation</source>
        <translation>Usar un servidor de la clínica (PostgreSQL) en este puesto</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>SSL</source>
        <translation>SSL</translation>
    </message>
    <message>
        <source>ptlog never stores the password: put it in ~/.pgpass (pgpass.conf on Windows), a PostgreSQL service file, or PGPASSWORD. The change applies at the next start.</source>
        <translation>ptlog nunca guarda la contraseña: póngala en ~/.pgpass (pgpass.conf en Windows), un archivo de servicio de PostgreSQL o PGPASSWORD. El cambio se aplica en el próximo inicio.</translation>
    </message>
    <message>
        <source>Window language</source>
        <translation>Idioma de la ventana</translation>
    </message>
    <message>
        <source>The window will use the new language the next time ptlog starts.</source>
        <translation>La ventana usará el nuevo idioma la próxima vez que se inicie ptlog.</translation>
    </message>
    <message>
        <source>Clinic logo</source>
        <translation>Logotipo de la clínica</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Type the clinician&apos;s name first.</source>
        <translation>Escriba primero el nombre del fisioterapeuta.</translation>
    </message>
    <message>
        <source>{name} is already in the list.</source>
        <translation>{name} ya está en la lista.</translation>
    </message>
    <message>
        <source>Adding the clinician…</source>
        <translation>Añadiendo al fisioterapeuta…</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Añadido: {name}.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — ptlog</source>
        <translation>Iniciar sesión — ptlog</translation>
    </message>
    <message>
        <source>The clinic server {server} asks you to sign in.</source>
        <translation>El servidor de la clínica {server} le pide iniciar sesión.</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Escriba su nombre de usuario.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Escriba su contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>The server did not accept that user name and password. Check them (Caps Lock?) and try again.</source>
        <translation>El servidor no aceptó ese usuario y contraseña. Revíselos (¿Bloq Mayús?) e inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>TreatmentDialog</name>
    <message>
        <source>Treatment kind</source>
        <translation>Tipo de tratamiento</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Fecha de fin</translation>
    </message>
    <message>
        <source>Treated side</source>
        <translation>Lado tratado</translation>
    </message>
    <message>
        <source>Sessions planned</source>
        <translation>Sesiones previstas</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>Sesiones realizadas</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Edit treatment</source>
        <translation>Editar tratamiento</translation>
    </message>
    <message>
        <source>Add treatment</source>
        <translation>Añadir tratamiento</translation>
    </message>
    <message>
        <source>empty: one-day treatment</source>
        <translation>vacío: tratamiento de un día</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <source>{currency}, e.g. 1200 (empty if unknown)</source>
        <translation>{currency}, p. ej. 1200 (vacío si se desconoce)</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Quitar…</translation>
    </message>
    <message>
        <source>the end date is before the start date ({start})</source>
        <translation>la fecha de fin es anterior a la de inicio ({start})</translation>
    </message>
    <message>
        <source>Saving the treatment…</source>
        <translation>Guardando el tratamiento…</translation>
    </message>
    <message>
        <source>{error} Your input is still in the form.</source>
        <translation>{error} Sus datos siguen en el formulario.</translation>
    </message>
    <message>
        <source>Remove treatment</source>
        <translation>Quitar tratamiento</translation>
    </message>
    <message>
        <source>Remove the treatment “{kind}” of {date}? Its before/after comparison disappears; the audit log keeps a copy.</source>
        <translation>¿Eliminar el tratamiento «{kind}» del {date}? Su comparación antes/después desaparece; el registro de auditoría guarda una copia.</translation>
    </message>
    <message>
        <source>Removing the treatment…</source>
        <translation>Quitando el tratamiento…</translation>
    </message>
</context>
<context>
    <name>TreatmentListModel</name>
    <message>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>Coste ({currency})</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>one day</source>
        <translation>un día</translation>
    </message>
</context>
<context>
    <name>TreatmentPanel</name>
    <message>
        <source>Add treatment…</source>
        <translation>Añadir tratamiento…</translation>
    </message>
    <message>
        <source>Edit / remove…</source>
        <translation>Editar / quitar…</translation>
    </message>
</context>
<context>
    <name>TrendPlot</name>
    <message>
        <source>degrees</source>
        <extracomment>a series with more points than this is drawn with a 1-pixel line: dense lines only hide the markers, and a wider line is stroked segment by segment (0.5 ms per 200 points a repaint) emitted by a compact plot when clicked: the motion it shows what the view must show besides the readings: the band, goals, targets, treatments</extracomment>
        <translation>grados</translation>
    </message>
</context>
<context>
    <name>VisitHistory</name>
    <message>
        <source>Amend…</source>
        <extracomment>a reading was amended or voided through the context menu (patient should reload)</extracomment>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Anular…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Medición</translation>
    </message>
    <message>
        <source>This reading was already corrected; amend or void its current value instead.</source>
        <translation>Esta medición ya se corrigió; corrija o anule su valor actual.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Something unexpected went wrong. Nothing you entered was discarded. The details are in the log.</source>
        <translation>Algo inesperado salió mal. No se descartó nada de lo que introdujo. Los detalles están en el registro.</translation>
    </message>
    <message>
        <source>ptlog: unexpected error</source>
        <translation>ptlog: error inesperado</translation>
    </message>
    <message>
        <source>Lines not shown: {count}. Show Details… lists them all.</source>
        <extracomment>more lines than this go into the box&apos;s scrollable details (50,000 bad rows made a box 1,204 pixels tall, its OK button below a laptop&apos;s screen)</extracomment>
        <translation>Líneas no mostradas: {count}. «Mostrar detalles…» las enumera todas.</translation>
    </message>
    <message>
        <source>Show Details… has the whole text.</source>
        <translation>«Mostrar detalles…» tiene el texto completo.</translation>
    </message>
</context>
</TS>
