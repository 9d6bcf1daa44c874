"""The leadership dashboard: aggregates kept on write, and the page that reads them."""
