"""Persistence with peewee: one database from a URL, numbered migrations, queries that return
domain records, the audit chain, backups and interchange. No Qt here."""
