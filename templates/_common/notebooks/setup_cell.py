# %%
import sys
from pathlib import Path

# Make the project's package importable whether or not it was installed with `pip install -e .`.
PROJECT_ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(PROJECT_ROOT / "src"))
%matplotlib inline
