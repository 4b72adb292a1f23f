"""The staff console (/staff/): region search for hotline staff on a live call."""
