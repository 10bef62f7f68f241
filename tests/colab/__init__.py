"""Google Colab's versions, tested (`make test-colab`)."""
