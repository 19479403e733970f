export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <span aria-hidden className="inline-block h-7 w-7 rounded-md bg-brand-600" />
          Scheduler
        </div>
        {children}
      </div>
    </main>
  );
}
