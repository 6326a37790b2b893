if __name__ == "__main__":
    # Imported here, not above: a process the build starts to draw charts imports this
    # module again ("spawn"), and needs none of the command line.
    from builder.cli import main

    raise SystemExit(main())
