"""What happened to the ideas: the organisation's ideas per stage and its latest realised ones."""
