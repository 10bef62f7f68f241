"""The Korean homework notebooks, like the English ones, are handed out blank, without
outputs: nbval (`make test`) leaves them out. tests/test_translation.py tests them."""

collect_ignore_glob = ["*.ipynb"]
