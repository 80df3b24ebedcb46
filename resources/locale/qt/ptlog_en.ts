<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ComparisonPanel</name>
    <message numerus="yes">
        <source>%Ln before/after comparison(s).</source>
        <translation>
            <numerusform>%Ln before/after comparison.</numerusform>
            <numerusform>%Ln before/after comparisons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{compared} %Ln series without a reading in the 60 days before the start (no baseline).</source>
        <translation>
            <numerusform>{compared} %Ln series without a reading in the 60 days before the start (no baseline).</numerusform>
            <numerusform>{compared} %Ln series without a reading in the 60 days before the start (no baseline).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{motion}: %Ln patient-treatment(s) with a baseline and a follow-up. {explained} {confounded}</source>
        <translation>
            <numerusform>{motion}: %Ln patient-treatment with a baseline and a follow-up. {explained} {confounded}</numerusform>
            <numerusform>{motion}: %Ln patient-treatments with a baseline and a follow-up. {explained} {confounded}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message numerus="yes">
        <source>Saved %Ln reading(s)</source>
        <translation>
            <numerusform>Saved %Ln reading</numerusform>
            <numerusform>Saved %Ln readings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved}; %Ln already recorded</source>
        <translation>
            <numerusform>{saved}; %Ln already recorded</numerusform>
            <numerusform>{saved}; %Ln already recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>{file}: {what}, %Ln column(s); mapping: {note}.</source>
        <translation>
            <numerusform>{file}: {what}, %Ln column; mapping: {note}.</numerusform>
            <numerusform>{file}: {what}, %Ln columns; mapping: {note}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing: %Ln row(s) of {total}</source>
        <translation>
            <numerusform>Writing: %Ln row of {total}</numerusform>
            <numerusform>Writing: %Ln rows of {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking: %Ln row(s) read</source>
        <translation>
            <numerusform>Checking: %Ln row read</numerusform>
            <numerusform>Checking: %Ln rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s): nothing was written. Fix the sheet, or the mapping, and check again.</source>
        <translation>
            <numerusform>%Ln problem: nothing was written. Fix the sheet, or the mapping, and check again.</numerusform>
            <numerusform>%Ln problems: nothing was written. Fix the sheet, or the mapping, and check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) added</source>
        <translation>
            <numerusform>%Ln treatment added</numerusform>
            <numerusform>%Ln treatments added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln treatment(s) already present</source>
        <translation>
            <numerusform>%Ln treatment already present</numerusform>
            <numerusform>%Ln treatments already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) added</source>
        <translation>
            <numerusform>%Ln reading added</numerusform>
            <numerusform>%Ln readings added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) already present</source>
        <translation>
            <numerusform>%Ln reading already present</numerusform>
            <numerusform>%Ln readings already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln patient(s)</source>
        <translation>
            <numerusform>%Ln patient</numerusform>
            <numerusform>%Ln patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new patient(s)</source>
        <translation>
            <numerusform>%Ln new patient</numerusform>
            <numerusform>%Ln new patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new visit(s)</source>
        <translation>
            <numerusform>%Ln new visit</numerusform>
            <numerusform>%Ln new visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Exported %Ln observation(s) to {path}</source>
        <translation>
            <numerusform>Exported %Ln observation to {path}</numerusform>
            <numerusform>Exported %Ln observations to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln reading(s) to {path}</source>
        <translation>
            <numerusform>Exported %Ln reading to {path}</numerusform>
            <numerusform>Exported %Ln readings to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
