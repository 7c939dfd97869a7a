from hmic_cli.cli import main

main()
