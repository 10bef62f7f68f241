"""The homework notebooks are handed out blank, without outputs: nbval (`make test`) leaves
them out. tests/test_homework.py tests them instead."""

collect_ignore_glob = ["*.ipynb"]
