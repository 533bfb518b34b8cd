import { IntentLink } from "@/components/ui/IntentLink";
import { HeartMark } from "@/components/ui/HeartMark";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-start justify-center px-4 py-10 sm:items-center">
      <div className="w-full max-w-md">
        <IntentLink href="/" className="mb-6 block text-center text-2xl font-extrabold tracking-tight">
          <HeartMark className="text-pink-500" /> Meet<span className="text-pink-600">cute</span>
        </IntentLink>
        <div className="card p-6 sm:p-8">
          <h1 className="text-2xl font-bold">{title}</h1>
          <p className="mb-6 mt-1 text-sm text-slate-600">{subtitle}</p>
          {children}
        </div>
      </div>
    </main>
  );
}
