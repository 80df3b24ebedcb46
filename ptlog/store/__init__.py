"""Persistence with peewee: one database from a URL, numbered migrations, queries that return
domain records, the audit chain, backups and interchange. No Qt here."""

from ptlog.store.drivers import import_peewee_without_driver

import_peewee_without_driver()  # psycopg loads on the first PostgreSQL connection only
