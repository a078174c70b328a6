from duban.quick import main

main()
