import sys
from pathlib import Path

# engine_support lives one level up, beside the top-level engine tests.
sys.path.insert(0, str(Path(__file__).parents[1]))
