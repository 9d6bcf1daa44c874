"""The impact/effort matrix of screened and prioritised ideas."""
