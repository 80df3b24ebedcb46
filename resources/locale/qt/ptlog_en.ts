<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ComparisonPanel</name>
    <message numerus="yes">
        <source>%n before/after comparison(s).</source>
        <translation>
            <numerusform>%n before/after comparison.</numerusform>
            <numerusform>%n before/after comparisons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{compared} %n series without a reading in the 60 days before the start (no baseline).</source>
        <translation>
            <numerusform>{compared} %n series without a reading in the 60 days before the start (no baseline).</numerusform>
            <numerusform>{compared} %n series without a reading in the 60 days before the start (no baseline).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{motion}: %n patient-treatment(s) with a baseline and a follow-up. {explained} {confounded}</source>
        <translation>
            <numerusform>{motion}: %n patient-treatment with a baseline and a follow-up. {explained} {confounded}</numerusform>
            <numerusform>{motion}: %n patient-treatments with a baseline and a follow-up. {explained} {confounded}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message numerus="yes">
        <source>Saved %n reading(s)</source>
        <translation>
            <numerusform>Saved %n reading</numerusform>
            <numerusform>Saved %n readings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{saved}; %n already recorded</source>
        <translation>
            <numerusform>{saved}; %n already recorded</numerusform>
            <numerusform>{saved}; %n already recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>{file}: {what}, %n column(s); mapping: {note}.</source>
        <translation>
            <numerusform>{file}: {what}, %n column; mapping: {note}.</numerusform>
            <numerusform>{file}: {what}, %n columns; mapping: {note}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing: %n row(s) of {total}</source>
        <translation>
            <numerusform>Writing: %n row of {total}</numerusform>
            <numerusform>Writing: %n rows of {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking: %n row(s) read</source>
        <translation>
            <numerusform>Checking: %n row read</numerusform>
            <numerusform>Checking: %n rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): nothing was written. Fix the sheet, or the mapping, and check again.</source>
        <translation>
            <numerusform>%n problem: nothing was written. Fix the sheet, or the mapping, and check again.</numerusform>
            <numerusform>%n problems: nothing was written. Fix the sheet, or the mapping, and check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n treatment(s) added</source>
        <translation>
            <numerusform>%n treatment added</numerusform>
            <numerusform>%n treatments added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n treatment(s) already present</source>
        <translation>
            <numerusform>%n treatment already present</numerusform>
            <numerusform>%n treatments already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reading(s) added</source>
        <translation>
            <numerusform>%n reading added</numerusform>
            <numerusform>%n readings added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reading(s) already present</source>
        <translation>
            <numerusform>%n reading already present</numerusform>
            <numerusform>%n readings already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new patient(s)</source>
        <translation>
            <numerusform>%n new patient</numerusform>
            <numerusform>%n new patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new visit(s)</source>
        <translation>
            <numerusform>%n new visit</numerusform>
            <numerusform>%n new visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Exported %n observation(s) to {path}</source>
        <translation>
            <numerusform>Exported %n observation to {path}</numerusform>
            <numerusform>Exported %n observations to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n reading(s) to {path}</source>
        <translation>
            <numerusform>Exported %n reading to {path}</numerusform>
            <numerusform>Exported %n readings to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
