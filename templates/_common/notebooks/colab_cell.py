# %%
# Open in Colab: on Google Colab this cell fetches the project and installs it, so every cell
# below runs as it does on your machine. Anywhere else it does nothing.
import sys

if "google.colab" in sys.modules:
    import os
    import subprocess

    REPO_URL = {{ (repository_url(github_owner, repo_name) if github_owner else '') | tojson }}
    if not REPO_URL:
        raise RuntimeError("set REPO_URL to your repository's URL (`portfolio publish` fills it in)")
    if not os.path.isdir("/content/project"):
        subprocess.run(["git", "clone", "--depth", "1", REPO_URL, "/content/project"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", "/content/project"],
                   check=True)
    os.chdir("/content/project/notebooks")
    if not os.path.exists("../reports/metrics.json"):  # reports are committed after a first run
        subprocess.run([sys.executable, "-m", "{{ package_name }}.train"], cwd="..", check=True)
