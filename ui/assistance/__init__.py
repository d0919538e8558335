"""The down-payment assistance finder: the household and purchase form, and how programs are shown."""
