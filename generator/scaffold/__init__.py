"""Stage 2, scaffolding: from a catalog entry and answers to a committed project folder.

Takes in: a ``CatalogEntry`` and answers (answers file, ``--data``, flags, prompts: ``answers``,
``assemble``). Hands on: a project folder rendered atomically by copier or cookiecutter
(``render``, ``cookiecutter_engine``), with our documentation layer (``doc_layer``), its template
version recorded (``versions``) and a first commit. ``update`` and ``sync`` later change such a
project in place: a 3-way template update, and the README's metrics table.
"""
