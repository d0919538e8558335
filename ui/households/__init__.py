"""The households list and the client file: the list and picker, the intake form, labels, the file's tabs."""
