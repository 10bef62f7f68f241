"""Loss & Metric Lab: metrics, losses and explorers for the course."""
