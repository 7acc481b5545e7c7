package dev.cellbridge.cli.internal; public final class Main { public static void main(String[] a) { System.out.println("todo"); } }
