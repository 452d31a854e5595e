"""Scripts the nox sessions run: linkcheck and bench."""
