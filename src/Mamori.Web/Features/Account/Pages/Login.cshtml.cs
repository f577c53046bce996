using System.ComponentModel.DataAnnotations;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Account.Pages;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public bool LockedOut { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            Message = text["Login.Missing"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/Pages/LoginWith2fa", new { returnUrl = SafeReturnUrl(), rememberMe = Input.RememberMe });
        }

        LockedOut = result.IsLockedOut;
        Message = result.IsLockedOut ? text["Login.LockedOut"] : text["Login.Failed"];
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

public sealed class LoginInput
{
    [Display(Name = "Login.Email")]
    public string Email { get; set; } = "";

    [DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
