"""Stage 3, GitHub: a committed project becomes a repository on GitHub (or GitHub Enterprise).

Takes in: a local git repository and a token that lives only in memory for one call.
Hands on: the repository's URL and the pushed commit. ``api`` wraps PyGithub (token lookup,
pacing, errors), ``remote`` runs git pushes and clones with the token in git's environment only,
``publish`` joins the two into an idempotent, re-runnable publish.
"""
