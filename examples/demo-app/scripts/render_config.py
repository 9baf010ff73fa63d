"""Prints the settings of one environment from deploy/database.yml."""
import sys

import yaml

with open("deploy/database.yml", encoding="utf-8") as file:
    settings = yaml.load(file, Loader=yaml.FullLoader)
print(yaml.dump(settings[sys.argv[1] if len(sys.argv) > 1 else "staging"]))
