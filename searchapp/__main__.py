"""`python -m searchapp` is the same as the `searchapp` command."""
from searchapp.cli import main

if __name__ == "__main__":
    main()
